package dev.lvsa.runner.experiment;

import dev.lvsa.baselines.method.MethodPlan;
import dev.lvsa.baselines.method.PlanBuilder;
import dev.lvsa.baselines.model.Geometry;
import dev.lvsa.baselines.plan.AttentionPlan;
import dev.lvsa.baselines.plan.PlanJson;
import dev.lvsa.baselines.plan.PlanSchema;
import dev.lvsa.baselines.plan.PlanValidator;
import dev.lvsa.common.AtomicFiles;
import dev.lvsa.common.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes jobs' attention plans into a folder through {@code baselines} (the same code as {@code pattern plan}),
 * validated against the schema and the contract's rules. Jobs that differ only in prompt or seed share one plan
 * file; an existing file with the same content is left alone, otherwise it is replaced atomically.
 */
public final class PlanWriter {
    private final Path dir;
    private final Map<String, Path> written = new HashMap<>();

    public PlanWriter(Path dir) {
        this.dir = dir;
    }

    /**
     * The job's plan file, written if needed.
     *
     * @throws BadInputException when the method cannot make a plan for this job (e.g. a user pattern leaves a
     *                           query frame attending nothing), naming the job
     */
    public Path write(JobSpec job) {
        String stem = job.planStem();
        Path known = written.get(stem);
        if (known != null) {
            return known;
        }
        Path file = dir.resolve(stem + ".json");
        String json;
        try {
            Geometry g = job.model().spec().geometry(job.frames(), job.height(), job.width());
            MethodPlan mp = job.method().attention().plan(g, job.steps());
            AttentionPlan plan = PlanBuilder.build(mp, job.planBackend());
            List<String> problems = new ArrayList<>(PlanSchema.validate(PlanJson.toTree(plan)));
            problems.addAll(PlanValidator.validate(plan));
            if (!problems.isEmpty()) {
                throw new IllegalStateException(
                        "the planner made an invalid plan for " + stem + " (a bug): " + problems);
            }
            json = PlanJson.toJson(plan);
        } catch (BadInputException e) {
            throw new BadInputException(
                    "job " + job.model().name() + " " + job.method().label() + " " + job.frames() + " frames: "
                            + e.getMessage(),
                    e);
        }
        try {
            if (!Files.isRegularFile(file) || !Files.readString(file).equals(json)) {
                AtomicFiles.writeString(file, json, AtomicFiles.Folder.MUST_EXIST);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plan " + file + ": " + e.getMessage(), e);
        }
        written.put(stem, file);
        return file;
    }
}
