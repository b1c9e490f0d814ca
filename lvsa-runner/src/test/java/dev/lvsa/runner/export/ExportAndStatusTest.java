package dev.lvsa.runner.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.lvsa.reports.run.ExportCsv;
import dev.lvsa.runner.ledger.Ledger;
import dev.lvsa.runner.support.Cli;
import dev.lvsa.runner.support.Experiments;
import dev.lvsa.runner.support.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV export (the reports module's input contract) and the status view, on a run made with the fake worker. */
class ExportAndStatusTest {
    @Test
    void one_row_per_job_with_the_contract_columns_first(@TempDir Path dir) throws Exception {
        Path exp = Experiments.write(dir, "exp.yaml", """
                models: [tiny-wan]
                methods: [dense, riflex, ultravico, {method: lvsa, window: 2}]
                horizons: [1, 2]
                device: cpu
                steps: 2
                prompts:
                  - {id: calm, text: "a calm lake, \\"mirror\\", still"}
                  - {id: boom, text: OOM please}
                """);
        Path runDir = dir.resolve("run");
        Cli.Result r = runWithTheFakeWorker(exp, runDir, dir.resolve("fake"));
        assertThat(r.code()).as(r.err()).isEqualTo(3);

        Path csv = dir.resolve("out/results.csv");
        Files.createDirectories(csv.getParent());
        Cli.Result e = Cli.run("export", runDir.toString(), "--csv", csv.toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("16 jobs");
        String header = Files.readAllLines(csv).get(0);
        assertThat(header)
                .startsWith("model,method,horizon,frames,prompt_id,seed,status,total_s,peak_memory_gb,"
                        + "density,composite_score,loop_quality,temporal_dynamics,frame_similarity,spatial_quality,"
                        + "temporal_coherence,job_id,");
        // the per-step times, for the report's spread of the speedups
        assertThat(header).contains(",mean_step_s,step_latency_s,steps_run,");
        List<Map<String, String>> rows = readRows(csv);
        assertThat(rows).hasSize(16);
        assertThat(rows).extracting(m -> m.get("method")).containsOnly("dense", "riflex", "ultravico", "lvsa");
        assertThat(rows).extracting(m -> m.get("horizon")).containsOnly("1", "2");
        assertThat(rows).extracting(m -> m.get("frames")).containsOnly("33", "65");
        assertThat(rows.stream().filter(m -> m.get("method").equals("lvsa")))
                .allSatisfy(m -> assertThat(m.get("variant")).isEqualTo("lvsa[window=2]"));
        assertThat(rows.stream().filter(m -> m.get("prompt_id").equals("calm"))).allSatisfy(m -> {
            assertThat(m.get("status")).isEqualTo("ok");
            assertThat(Double.parseDouble(m.get("composite_score"))).isBetween(0.0, 100.0);
            assertThat(m.get("prompt")).isEqualTo("a calm lake, \"mirror\", still");
            assertThat(m.get("video")).startsWith("videos/").endsWith(".mp4");
        });
        assertThat(rows.stream().filter(m -> m.get("prompt_id").equals("boom"))).allSatisfy(m -> {
            assertThat(m.get("status")).isEqualTo("oom");
            assertThat(m.get("composite_score")).isEmpty();
        });

        theReportReadsTheLedgerAsTheCsvFileWouldGiveIt(runDir, csv);

        theStatusCountsTheRun(runDir);
    }

    private static Cli.Result runWithTheFakeWorker(Path exp, Path runDir, Path fakeDir) throws Exception {
        return Cli.run(
                "run",
                exp.toString(),
                "--out",
                runDir.toString(),
                "--python",
                Repo.systemPython(),
                "--worker-script",
                Repo.fakeWorker(fakeDir).toString(),
                "--progress",
                "none");
    }

    /** The CSV's rows, each a map from column name to cell. */
    private static List<Map<String, String>> readRows(Path csv) throws Exception {
        try (MappingIterator<Map<String, String>> it = new CsvMapper()
                .readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv.toFile())) {
            return it.readAll();
        }
    }

    private static void theStatusCountsTheRun(Path runDir) throws Exception {
        Cli.Result s = Cli.run("status", runDir.toString(), "--json");
        assertThat(s.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(s.out());
        assertThat(json.at("/counts/ok").asInt()).isEqualTo(8);
        assertThat(json.at("/counts/oom").asInt()).isEqualTo(8);
        assertThat(json.get("groups")).hasSize(8);
        assertThat(json.get("failures")).hasSize(8);
        assertThat(json.at("/failures/0/message").asText()).contains("out of memory");
        String text = Cli.run("status", runDir.toString()).out();
        assertThat(text).contains("ok 8, oom 8").contains("lvsa[window=2]").contains("failures:");
    }

    /** The report reads the ledger's rows in memory: the same jobs, warnings and columns as reading the CSV back. */
    private static void theReportReadsTheLedgerAsTheCsvFileWouldGiveIt(Path runDir, Path csv) {
        try (Ledger ledger = Ledger.openExisting(runDir)) {
            List<Map<String, Object>> table = RunTable.rows(ledger);
            ExportCsv.Result fromFile = ExportCsv.read(csv);
            ExportCsv.Result inMemory = ExportCsv.fromRows(RunTable.columns(), CsvExport.cells(table), csv.toString());
            assertThat(inMemory.jobs()).hasSize(16).isEqualTo(fromFile.jobs());
            assertThat(inMemory.warnings()).isEqualTo(fromFile.warnings());
            assertThat(inMemory.columns()).isEqualTo(fromFile.columns());
        }
    }
}
