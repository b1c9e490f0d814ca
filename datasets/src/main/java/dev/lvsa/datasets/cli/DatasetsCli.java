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
public final class DatasetsCli implements java.util.concurrent.Callable<Integer> {

  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    CommandLine cl = new CommandLine(new DatasetsCli());
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandSpec().usageMessage().footer().length == 0) {
        sub.getCommandSpec().usageMessage().footer(cl.getCommandSpec().usageMessage().footer());
      }
    }
    cl.setParameterExceptionHandler((ex, a) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      String name = ex.getCommandLine().getCommandSpec().qualifiedName();
      String hint = ex instanceof picocli.CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
          ? " (did you mean " + u.getSuggestions().get(0) + "?)" : "";
      err.println(name + ": " + ex.getMessage().replaceAll("\\s+", " ").trim() + hint + " (see " + name + " --help)");
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
  public Integer call() {
    spec.commandLine().getErr().println("lvsa-datasets: a subcommand is required: "
        + String.join(", ", spec.commandLine().getSubcommands().keySet()) + " (see lvsa-datasets --help)");
    return 2;
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
