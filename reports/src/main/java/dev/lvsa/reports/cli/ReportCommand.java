package dev.lvsa.reports.cli;

import dev.lvsa.common.BadInputException;
import dev.lvsa.common.CliErrors;
import dev.lvsa.common.VersionProvider;
import dev.lvsa.reports.ReportInput;
import dev.lvsa.reports.ReportOutput;
import dev.lvsa.reports.ReportWriter;
import dev.lvsa.reports.io.ReportRuntime;
import dev.lvsa.reports.run.ExportCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code report CSV_OR_RUN_DIR --out DIR}: the run report from the runner's export CSV. Handles its own
 * errors (one line, exit 2 for bad input as {@link CliErrors} prints it, 1 when the report cannot be written),
 * so it behaves the same as a subcommand of any CLI.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Writes DIR/report.html (self-contained) with the paper-layout tables (tables/*.csv, *.md), "
                    + "charts (charts/*.png, *.svg) and self-similarity heatmaps of a run, beside the LVSA paper's "
                    + "published means.",
            "Input: the runner's export CSV, or a run folder holding " + ReportCommand.EXPORT_NAME + ". The planned "
                    + "densities of the sparsity chart come from the plan files the export names, relative to the CSV's "
                    + "folder.",
            "Exit: 0 report written, 1 it could not be written, 2 bad input."
        })
public final class ReportCommand implements Callable<Integer>, VersionProvider.Details {

    /** The export file looked for in a run folder. */
    public static final String EXPORT_NAME = "export.csv";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CSV_OR_RUN_DIR", description = "Export CSV, or a run folder holding " + EXPORT_NAME + ".")
    Path input;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created).")
    Path out;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "Run name in the title (default: the run folder's name).")
    String name;

    @Option(
            names = "--max-heatmaps",
            paramLabel = "N",
            defaultValue = "" + ReportInput.DEFAULT_MAX_HEATMAPS,
            description = "Self-similarity heatmaps to draw at most (default ${DEFAULT-VALUE}; 0 for none).")
    int maxHeatmaps;

    @Option(
            names = {"-v", "--verbose"},
            description = "Show the cause of an error in full.")
    boolean verbose;

    public static void main(String[] args) {
        ReportRuntime.prepare();
        System.exit(CliErrors.install(new CommandLine(new ReportCommand())).execute(args));
    }

    @Override
    public Integer call() {
        ReportRuntime.prepare();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            if (maxHeatmaps < 0) {
                throw new BadInputException("--max-heatmaps must be >= 0, got " + maxHeatmaps);
            }
            Path csv = exportFile(input);
            Path runDir = csv.toAbsolutePath().getParent();
            ExportCsv.Result export = ExportCsv.read(csv);
            ReportInput in = ReportInput.builder()
                    .jobs(export.jobs())
                    .warnings(export.warnings())
                    .runName(
                            name != null
                                    ? name
                                    : runDir.getFileName() == null
                                            ? "run"
                                            : runDir.getFileName().toString())
                    .runDir(runDir)
                    .source(csv.toString())
                    .maxHeatmaps(maxHeatmaps)
                    .progress(line -> {
                        System.err.println("report: " + line);
                        System.err.flush();
                    })
                    .build();
            ReportOutput o = ReportWriter.write(in, out);
            stdout.println("report: " + o.html() + " (" + export.jobs().size() + " jobs, "
                    + o.files().size()
                    + " files beside it"
                    + (o.warnings().isEmpty()
                            ? ""
                            : "; " + o.warnings().size() + " warning(s), listed at the top of the report")
                    + ")");
            stdout.flush();
            return 0;
        } catch (BadInputException e) {
            return CliErrors.report(e, spec.commandLine(), verbose);
        } catch (IOException | RuntimeException e) {
            err.println("report: cannot write the report to " + out + ": " + e);
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        }
    }

    /** The export CSV itself, or {@value #EXPORT_NAME} inside a run folder. */
    static Path exportFile(Path input) {
        if (Files.isDirectory(input)) {
            Path f = input.resolve(EXPORT_NAME);
            if (!Files.isRegularFile(f)) {
                throw new BadInputException(input + ": no " + EXPORT_NAME + " in this run folder (write it with "
                        + "'lvsa-runner export', or give the CSV's path)");
            }
            return f;
        }
        if (!Files.exists(input)) {
            throw new BadInputException(input + ": no such file or folder");
        }
        return input;
    }

    @Override
    public String versionDetails() {
        return "lvsa-toolkit reports";
    }
}
