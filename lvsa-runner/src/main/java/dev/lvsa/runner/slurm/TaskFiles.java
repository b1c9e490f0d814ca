package dev.lvsa.runner.slurm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lvsa.common.AtomicFiles;
import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.schedule.JobRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The task files both batch executors write into {@code RUN_DIR/slurm/}: one request per job
 * ({@code tasks/SEQ.json}), the folders for results and logs, and {@code task.py}, which runs one task with the
 * worker's Python.
 */
final class TaskFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskFiles() {}

    /**
     * @param base the folder paths in the tasks start from: the run folder itself (absolute paths, for a cluster
     *     that mounts it at the same place) or the empty path (paths relative to the run folder, which task.py
     *     resolves against the folder it is given: the run folder may be copied anywhere)
     * @return the jobs' sequence numbers, the task indices
     */
    static List<Integer> write(Path runDir, List<JobRow> jobs, String device, double timeoutS, int ranks, Path base) {
        Path slurm = runDir.resolve("slurm");
        List<Integer> indices = new ArrayList<>();
        try {
            Files.createDirectories(slurm.resolve("tasks"));
            Files.createDirectories(slurm.resolve("results"));
            Files.createDirectories(slurm.resolve("logs"));
            SlurmExecutor.copyResource("task.py", slurm.resolve("task.py"));
            for (JobRow j : jobs) {
                ObjectNode task = JSON.createObjectNode();
                task.put("job_id", j.jobId());
                task.put("seq", j.seq());
                task.put("label", j.label());
                task.put("timeout_s", timeoutS);
                if (ranks > 1) {
                    task.put("ranks", ranks);
                }
                task.put(
                        "result",
                        base.resolve("slurm")
                                .resolve("results")
                                .resolve(j.jobId() + ".json")
                                .toString());
                task.set("job", JobRequests.job(j, base, device));
                AtomicFiles.writeString(
                        slurm.resolve("tasks").resolve(j.seq() + ".json"),
                        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(task) + "\n",
                        AtomicFiles.Folder.MUST_EXIST);
                indices.add(j.seq());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(slurm + ": cannot write the task files: " + e.getMessage(), e);
        }
        return indices;
    }
}
