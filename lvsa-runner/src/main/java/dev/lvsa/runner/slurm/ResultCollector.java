package dev.lvsa.runner.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.Ledger;
import dev.lvsa.runner.ledger.ResultRow;
import dev.lvsa.runner.schedule.JobRequests;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Ingests Slurm tasks' result files ({@code RUN_DIR/slurm/results/<job_id>.json}) into the ledger. A job that
 * already has a result keeps it (a result is written once); files that are not results, or name an unknown job,
 * are reported and skipped.
 */
public final class ResultCollector {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultCollector() {}

    /**
     * @param warn receives one line per skipped file
     * @return the jobs whose results were recorded now
     */
    public static List<JobRow> collect(Ledger ledger, Path runDir, Consumer<String> warn) {
        return collect(ledger, runDir, warn, false);
    }

    /**
     * @param speedRunsWithoutVideos record a speed-only job's ({@link JobRow#speedOnly()}: dummy weights or timed
     *     steps) {@code ok} result with its timings although its video is not in the run folder (it stayed on the
     *     host that ran the task: a real-size video is too large to bring back, and it means nothing); the row keeps
     *     no output. Other jobs still need their video.
     */
    public static List<JobRow> collect(
            Ledger ledger, Path runDir, Consumer<String> warn, boolean speedRunsWithoutVideos) {
        Path dir = runDir.resolve("slurm").resolve("results");
        List<JobRow> recorded = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return recorded;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            warn.accept(dir + ": cannot list results: " + e.getMessage());
            return recorded;
        }
        files.sort(null);
        for (Path f : files) {
            String jobId = f.getFileName().toString().replaceFirst("\\.json$", "");
            JobRow job = ledger.job(jobId);
            if (job == null) {
                warn.accept(f + ": no job " + jobId + " in this run's ledger; skipped");
                continue;
            }
            JsonNode r;
            try {
                r = JSON.readTree(Files.readString(f));
            } catch (IOException e) {
                warn.accept(f + ": not a JSON result ("
                        + e.getMessage().lines().findFirst().orElse("") + "); skipped");
                continue;
            }
            if (r == null || !r.isObject() || !jobId.equals(r.path("id").asText())) {
                warn.accept(f + ": not the result of job " + jobId + "; skipped");
                continue;
            }
            ResultRow row = withVideo(JobRequests.result(r), job, runDir, speedRunsWithoutVideos);
            String worker = worker(r.path("slurm"), job);
            if (ledger.recorder().collected(jobId, row, worker)) {
                recorded.add(ledger.job(jobId));
            }
        }
        return recorded;
    }

    /**
     * An {@code ok} row whose output is not where the task said: the job's own video in this run folder, else (for
     * a speed-only job, if allowed) no output, else an error.
     */
    private static ResultRow withVideo(ResultRow row, JobRow job, Path runDir, boolean speedRunsWithoutVideos) {
        if (row.status().equals("ok") && (row.output() == null || !Files.isRegularFile(Path.of(row.output())))) {
            // the task may have run on a copy of the run folder elsewhere: the video is the job's own file here
            Path here = runDir.resolve(job.videoPath());
            if (Files.isRegularFile(here)) {
                return row.withOutput(here.toString());
            } else if (speedRunsWithoutVideos && job.speedOnly()) {
                return row.withOutput(null);
            } else {
                return ResultRow.runnerVerdict(
                        "error",
                        "missing_output",
                        "the task reported ok but the video "
                                + job.videoPath() + " is not in the run folder"
                                + (job.speedOnly()
                                        ? " (a speed-only job: collect --speed-runs-without-videos records its timings)"
                                        : ""));
            }
        }
        return row;
    }

    /** The attempt's worker as the task's {@code slurm} block names it: a Slurm array task, or an array task. */
    private static String worker(JsonNode s, JobRow job) {
        return s.path("array_job_id").isTextual()
                ? "slurm " + s.path("array_job_id").asText() + "_"
                        + s.path("array_task_id").asText("?") + " on "
                        + s.path("host").asText("?")
                : "array task " + job.seq() + " on " + s.path("host").asText("?");
    }
}
