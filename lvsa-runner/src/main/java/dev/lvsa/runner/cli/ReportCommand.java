package dev.lvsa.runner.cli;

import dev.lvsa.common.BadInputException;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import dev.lvsa.reports.ReportInput;
import dev.lvsa.reports.ReportOutput;
import dev.lvsa.reports.ReportWriter;
import dev.lvsa.reports.io.ReportRuntime;
import dev.lvsa.reports.run.ExportCsv;
import dev.lvsa.runner.export.CsvExport;
import dev.lvsa.runner.export.RunTable;
import dev.lvsa.runner.ledger.Ledger;
import dev.lvsa.runner.ledger.RunEnvironment;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lvsa-runner report RUN_DIR}: the run's ledger exported to {@code RUN_DIR/export.csv}, and the reports
 * module's HTML, tables and charts; the sparsity chart's planned densities are those of the run's own plan files
 * ({@code RUN_DIR/plans/}).
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Write a run's report: DIR/report.html (self-contained) with the paper-layout tables, charts "
                    + "and self-similarity heatmaps, beside the LVSA paper's published means.",
            "Reads the run folder's ledger (and refreshes RUN_DIR/export.csv from it); a folder holding only an "
                    + "export.csv works too. Partial runs report what exists."
        })
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run folder")
    Path runDir;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: RUN_DIR/report)")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "run name in the title (default: the folder's name)")
    String name;

    @Option(
            names = "--max-heatmaps",
            paramLabel = "N",
            defaultValue = "" + ReportInput.DEFAULT_MAX_HEATMAPS,
            description = "self-similarity heatmaps to draw at most (default ${DEFAULT-VALUE}; 0 for none)")
    int maxHeatmaps;

    @Option(
            names = {"-v", "--verbose"},
            description = "show stack traces")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        ReportRuntime.prepare();
        PrintWriter stdout = spec.commandLine().getOut();
        if (maxHeatmaps < 0) {
            throw new BadInputException("--max-heatmaps must be >= 0, got " + maxHeatmaps);
        }
        if (!Files.isDirectory(runDir)) {
            throw new BadInputException(runDir + ": not a run folder");
        }
        RunExport run = runExport();
        ExportCsv.Result export = run.export();
        Path dir = out != null ? out : runDir.resolve("report");
        ReportInput in = ReportInput.builder()
                .jobs(export.jobs())
                .warnings(export.warnings())
                .runName(title())
                .runDir(runDir.toAbsolutePath())
                .source(run.csv().toString())
                .maxHeatmaps(maxHeatmaps)
                .progress(line -> {
                    System.err.println("lvsa-runner report: " + line);
                    System.err.flush();
                })
                .runSoftware(run.software())
                .build();
        ReportOutput o = ReportWriter.write(in, dir);
        stdout.println("report: " + o.html() + " (" + export.jobs().size() + " jobs, "
                + o.files().size()
                + " files beside it"
                + (o.warnings().isEmpty()
                        ? ""
                        : "; " + o.warnings().size() + " warning(s), listed at the top of the report")
                + ")");
        stdout.flush();
        return ExitCodes.OK;
    }

    /** The run's table as the report reads it, the CSV it came from (or was refreshed into), the run's software. */
    private record RunExport(Path csv, ExportCsv.Result export, Map<String, String> software) {}

    /**
     * The run's table: from the ledger (also written to export.csv, beside the report if {@code --out} is given),
     * else from the folder's export.csv.
     */
    private RunExport runExport() throws Exception {
        Path csv = runDir.resolve(dev.lvsa.reports.cli.ReportCommand.EXPORT_NAME);
        if (Files.isRegularFile(runDir.resolve(Ledger.FILE))) {
            // a report written elsewhere keeps its export beside it: the run folder (perhaps read-only,
            // perhaps someone else's) is only read
            if (out != null) {
                Files.createDirectories(out);
                csv = out.resolve(dev.lvsa.reports.cli.ReportCommand.EXPORT_NAME);
            }
            try (Ledger ledger = Ledger.openExisting(runDir)) {
                List<Map<String, Object>> rows = RunTable.rows(ledger);
                CsvExport.write(rows, csv); // written beside the report for the user; the report reads the rows
                ExportCsv.Result export = ExportCsv.fromRows(RunTable.columns(), CsvExport.cells(rows), csv.toString());
                return new RunExport(csv, export, RunEnvironment.read(ledger));
            }
        } else if (Files.isRegularFile(csv)) {
            return new RunExport(csv, ExportCsv.read(csv), Map.of());
        } else {
            throw new BadInputException(
                    runDir + ": neither a ledger (" + Ledger.FILE + ") nor " + csv.getFileName() + " in this folder");
        }
    }

    /** The run's name in the title: {@code --name}, else the folder's name. */
    private String title() {
        return name != null
                ? name
                : runDir.toAbsolutePath().normalize().getFileName() == null
                        ? "run"
                        : runDir.toAbsolutePath().normalize().getFileName().toString();
    }
}
