package dev.lvsa.runner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import dev.lvsa.runner.export.RunTable;
import dev.lvsa.runner.export.StatusReport;
import dev.lvsa.runner.ledger.Ledger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lvsa-runner status}: where a run stands. Safe while a runner works on the folder. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Show a run folder's state: jobs per state, a table per model x method x horizon (jobs, ok, "
                + "failed, mean time, mean VQeval composite) and every failure with its message.")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run folder")
    Path runDir;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Option(
            names = {"-v", "--verbose"},
            description = "show stack traces")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Ledger ledger = Ledger.openExisting(runDir)) {
            StatusReport report = new StatusReport(ledger.getMeta("experiment"), RunTable.rows(ledger));
            if (json) {
                out.println(new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(report.toMap()));
                out.flush();
            } else {
                report.printText(out);
            }
        }
        return ExitCodes.OK;
    }
}
