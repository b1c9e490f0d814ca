package dev.lvsa.runner.slurm;

import dev.lvsa.common.AtomicFiles;
import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.Ledger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a run folder's jobs as self-contained tasks that any host with the worker's environment can run by index,
 * without Slurm and without Java: {@code RUN_DIR/slurm/run-task.sh INDEX [PYTHON]}, the indices listed in
 * {@code RUN_DIR/slurm/tasks.txt}. Paths in the tasks are relative to the run folder, so the folder may be copied to
 * the machine that runs them and back; {@code lvsa-runner collect} then ingests the results. The jobs are recorded
 * as submitted (to {@link #SUBMISSION}) until then.
 */
public final class ArrayExecutor {
    /** What the ledger's submission row names instead of a Slurm job id. */
    public static final String SUBMISSION = "array";

    private ArrayExecutor() {}

    /** What was written. */
    public record Written(Path script, Path indexFile, List<Integer> indices) {}

    public static Written write(
            Ledger ledger, Path runDir, List<JobRow> jobs, String device, double timeoutS, int ranks) {
        List<Integer> indices = TaskFiles.write(runDir, jobs, device, timeoutS, ranks, Path.of(""));
        Path slurm = runDir.resolve("slurm");
        Path script = slurm.resolve("run-task.sh");
        Path list = slurm.resolve("tasks.txt");
        try {
            SlurmExecutor.copyResource("run-task.sh", script);
            AtomicFiles.writeString(
                    list,
                    indices.stream().map(String::valueOf).collect(Collectors.joining("\n"))
                            + (indices.isEmpty() ? "" : "\n"),
                    AtomicFiles.Folder.MUST_EXIST);
        } catch (IOException e) {
            throw new UncheckedIOException(slurm + ": cannot write the task scripts: " + e.getMessage(), e);
        }
        String spec = indices.isEmpty() ? "" : ArraySpec.of(indices);
        ledger.recorder()
                .submitted(jobs, SUBMISSION, SUBMISSION, spec, script + " INDEX [PYTHON], for each index in " + list);
        return new Written(script, list, indices);
    }
}
