package dev.lvsa.runner.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lvsa.common.AtomicFiles;
import dev.lvsa.runner.experiment.Experiment;
import dev.lvsa.runner.experiment.GridExpander;
import dev.lvsa.runner.experiment.JobSpec;
import dev.lvsa.runner.experiment.PlanWriter;
import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.JobStatus;
import dev.lvsa.runner.ledger.Ledger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepares a run folder for an experiment: expands the grid, writes every plan into {@code plans/} (so a planning
 * mistake stops the run before any model loads), registers the jobs in the ledger (new ones only: a job keeps its
 * state across runs) and keeps a copy of the experiment file. Layout: {@code ledger.sqlite},
 * {@code experiment.yaml}, {@code plans/}, {@code videos/}, {@code logs/}, {@code slurm/}.
 */
public final class RunPreparer {
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private RunPreparer() {}

    /** The grid's jobs as the ledger holds them, in grid order. */
    public static List<JobRow> prepare(Experiment e, Path runDir, Ledger ledger) {
        try {
            Files.createDirectories(runDir.resolve("plans"));
            Files.createDirectories(runDir.resolve("videos"));
            Files.createDirectories(runDir.resolve("logs"));
            byte[] experiment = Files.readAllBytes(e.source());
            AtomicFiles.write(
                    runDir.resolve("experiment.yaml"), AtomicFiles.Folder.MUST_EXIST, out -> out.write(experiment));
        } catch (IOException ex) {
            throw new UncheckedIOException(runDir + ": cannot prepare the run folder: " + ex.getMessage(), ex);
        }
        PlanWriter plans = new PlanWriter(runDir.resolve("plans"));
        List<JobRow> rows = new ArrayList<>();
        for (JobSpec j : GridExpander.expand(e)) {
            Path plan = plans.write(j);
            rows.add(new JobRow(
                    j.jobId(),
                    -1,
                    j.model().name(),
                    j.model().workerModel(),
                    j.method().method(),
                    j.method().label(),
                    json(j.method().resolved()),
                    j.horizon(),
                    j.frames(),
                    j.height(),
                    j.width(),
                    j.steps(),
                    j.guidance(),
                    j.prompt().id(),
                    j.prompt().text(),
                    j.negativePrompt(),
                    j.seed(),
                    j.backend(),
                    j.jobBackendOverride(),
                    j.dtype(),
                    j.fps(),
                    j.offload(),
                    runDir.relativize(plan).toString(),
                    "videos/" + j.stem() + ".mp4",
                    j.identityJson(),
                    JobStatus.PENDING,
                    null));
        }
        ledger.register(rows);
        ledger.setMeta("experiment", e.name());
        Map<String, Object> scoring = new LinkedHashMap<>();
        scoring.put("enabled", e.scoring().enabled());
        scoring.put("weights", e.scoring().weights());
        scoring.put("stride", e.scoring().stride());
        ledger.setMeta("scoring", json(scoring));
        List<JobRow> out = new ArrayList<>();
        for (JobRow r : rows) {
            out.add(ledger.job(r.jobId()));
        }
        return out;
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
