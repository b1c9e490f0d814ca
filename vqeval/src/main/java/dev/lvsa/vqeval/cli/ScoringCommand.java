package dev.lvsa.vqeval.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command that scores videos has: its picocli spec, the {@code -v} flag and the
 * {@link ScoringOptions}. picocli reads these annotated fields from the superclass of each command.
 */
abstract class ScoringCommand implements Callable<Integer>, VqevalCli.Verbosity {

  @Spec
  CommandSpec spec;

  @Option(names = {"-v", "--verbose"}, description = "Show stack traces of unexpected errors.")
  boolean verbose;

  @Mixin
  ScoringOptions scoring;

  @Override
  public boolean verbose() {
    return verbose;
  }

  /** {@code jobs} when given, else 2 videos at once (1 on a single core). */
  static int jobsOrDefault(Integer jobs) {
    return jobs == null ? Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())) : jobs;
  }

  /** Refuses a {@code dir} that does not exist or is not a folder, naming it. */
  static void requireFolder(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UsageException(dir + ": " + (Files.exists(dir) ? "not a folder" : "no such folder"));
    }
  }
}
