package dev.lvsa.runner.cli;

import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import dev.lvsa.runner.export.CsvExport;
import dev.lvsa.runner.export.RunTable;
import dev.lvsa.runner.ledger.Ledger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lvsa-runner export}: the ledger as one CSV row per job. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Export a run folder's ledger as CSV: one row per job (written atomically).",
            "Columns: model, method, horizon, frames, prompt_id, seed, status, total_s, peak_memory_gb, density, "
                    + "composite_score, loop_quality, temporal_dynamics, frame_similarity, spatial_quality, "
                    + "temporal_coherence, then extras (see docs/runner.md)."
        })
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run folder")
    Path runDir;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "the CSV file to write")
    Path csv;

    @Option(
            names = {"-v", "--verbose"},
            description = "show stack traces")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        try (Ledger ledger = Ledger.openExisting(runDir)) {
            List<Map<String, Object>> rows = RunTable.rows(ledger);
            CsvExport.write(rows, csv);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "wrote %s: %d jobs, %d columns%n",
                            csv, rows.size(), RunTable.columns().size());
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }
}
