package dev.lvsa.runner.slurm;

import dev.lvsa.common.AtomicFiles;
import dev.lvsa.common.BadInputException;
import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.Ledger;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Writes and submits a Slurm job array for a run folder's jobs (see the package doc). */
public final class SlurmExecutor {
    private final Path runDir;
    private final SlurmSettings settings;
    private final Map<String, String> env;

    /**
     * @param runDir   absolute run folder, on a file system the cluster nodes share
     * @param env      the environment whose PATH is searched for sbatch
     */
    public SlurmExecutor(Path runDir, SlurmSettings settings, Map<String, String> env) {
        this.runDir = runDir;
        this.settings = settings;
        this.env = env;
    }

    /** What a submission did. */
    public record Submission(String slurmJobId, String arraySpec, List<String> command, int jobs) {}

    /**
     * Writes the task files and scripts, submits the array and records the jobs as submitted.
     *
     * @param device the device each task asks for (null: the worker's auto)
     * @throws BadInputException when sbatch is not on PATH
     * @throws IllegalStateException when sbatch fails (its message in one line)
     */
    public Submission submit(Ledger ledger, List<JobRow> jobs, String experimentName, String device, double timeoutS) {
        Path sbatch = findOnPath("sbatch");
        Path slurm = runDir.resolve("slurm");
        List<Integer> indices = TaskFiles.write(runDir, jobs, device, timeoutS, settings.ranks(), runDir);
        try {
            copyResource("array.sbatch", slurm.resolve("array.sbatch"));
        } catch (IOException e) {
            throw new UncheckedIOException(slurm + ": cannot write the Slurm files: " + e.getMessage(), e);
        }
        String array = ArraySpec.of(indices) + (settings.maxParallel() != null ? "%" + settings.maxParallel() : "");
        List<String> cmd = new ArrayList<>();
        cmd.add(sbatch.toString());
        cmd.add("--parsable");
        cmd.add("--job-name=lvsa-" + experimentName);
        cmd.add("--array=" + array);
        cmd.add("--output=" + slurm.resolve("logs") + "/%A_%a.out");
        if (settings.partition() != null) {
            cmd.add("--partition=" + settings.partition());
        }
        if (settings.gpusPerTask() > 0) {
            cmd.add("--gpus-per-task=" + settings.gpusPerTask());
        }
        if (settings.time() != null) {
            cmd.add("--time=" + settings.time());
        }
        if (settings.account() != null) {
            cmd.add("--account=" + settings.account());
        }
        cmd.addAll(settings.extraArgs());
        cmd.add(slurm.resolve("array.sbatch").toString());
        cmd.add(runDir.toString());
        cmd.add(settings.python());
        String out = runSbatch(cmd);
        String jobId = out.lines().findFirst().orElse("").split(";")[0].strip();
        if (!jobId.matches("\\d+")) {
            throw new IllegalStateException("sbatch did not print a job id (got '" + out.strip() + "')");
        }
        ledger.recorder().submitted(jobs, jobId, array, String.join(" ", cmd));
        return new Submission(jobId, array, cmd, jobs.size());
    }

    private String runSbatch(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] bytes = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("sbatch did not finish within 120 s");
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("sbatch failed (exit code " + p.exitValue() + "): "
                        + text.strip().replaceAll("\\s*\\R\\s*", " | "));
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run sbatch: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while submitting", e);
        }
    }

    Path findOnPath(String program) {
        return onPath(program, env)
                .orElseThrow(() -> new BadInputException(program + " is not on PATH: --executor "
                        + "slurm needs Slurm's client tools (run on a login node of the cluster)"));
    }

    /** The executable file {@code program} names in {@code env}'s PATH, if any. */
    public static java.util.Optional<Path> onPath(String program, Map<String, String> env) {
        for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir).resolve(program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = SlurmExecutor.class.getResourceAsStream("/dev/lvsa/runner/slurm/" + name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing (broken build)");
            }
            byte[] bytes = in.readAllBytes();
            AtomicFiles.write(target, AtomicFiles.Folder.MUST_EXIST, out -> out.write(bytes));
        }
        target.toFile().setExecutable(true);
    }
}
