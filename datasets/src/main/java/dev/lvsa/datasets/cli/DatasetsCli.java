package dev.lvsa.datasets.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lvsa-datasets}: dataset tools. Exit codes: 0 ok, 1 failure, 2 usage error. */
@Command(name = "lvsa-datasets", mixinStandardHelpOptions = true, versionProvider = DatasetsCli.Version.class,
    description = "Dataset tools of lvsa-toolkit.", subcommands = {SynthCommand.class, ValidateCommand.class},
    footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage error."})
public final class DatasetsCli implements Runnable {

  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    CommandLine cl = new CommandLine(new DatasetsCli());
    cl.setParameterExceptionHandler((ex, a) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      String name = ex.getCommandLine().getCommandSpec().qualifiedName();
      err.println(name + ": " + ex.getMessage().replaceAll("\\s+", " ").trim() + " (see " + name + " --help)");
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (ex instanceof IllegalArgumentException) {
        err.println("lvsa-datasets: " + ex.getMessage());
        return 2;
      }
      err.println("lvsa-datasets: " + ex);
      return 1;
    });
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Version from the jar manifest. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = DatasetsCli.class.getPackage().getImplementationVersion();
      return new String[] {"lvsa-datasets " + (v == null ? "dev" : v)};
    }
  }
}
