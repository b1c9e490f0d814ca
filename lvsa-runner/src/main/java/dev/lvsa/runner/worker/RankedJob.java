package dev.lvsa.runner.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lvsa.runner.worker.ProtocolLines.Line;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One job over several devices: a {@code torch.distributed.run} launch of N ranks of
 * {@code lvsa_worker generate --sequence-parallel --progress-lines} (no shell), started for this job alone and
 * ended with it. Rank 0 alone prints protocol lines on the launcher's stdout (the ranks inherit it): progress, then
 * one {@code result}. The launcher exits non-zero when any rank failed, and then stops the other ranks.
 *
 * <p>Verdict ({@link #await}): a result with status {@code ok} is the job's result (rank 0 wrote the video); so is a
 * result the worker decides on every rank alike (a refused plan, {@code oom}, {@code timeout}, ...). A launch that
 * ends without a result, or non-zero with an {@code internal} error (a rank died and rank 0's collective failed:
 * gloo reports "connection reset by peer"), is a crash: the scheduler retries it like a dead worker. No result within
 * the watchdog: the whole process tree is killed ({@code Hung}).
 */
public final class RankedJob implements Reaper.Killable {
    private static final int TAIL_CHARS = 6_000;
    /** Error codes rank 0 reports for reasons every rank meets alike: the launch's exit code does not matter. */
    private static final Set<String> DETERMINISTIC = Set.of(
            "bad_request",
            "plan_invalid",
            "geometry_mismatch",
            "unsupported",
            "backend_unavailable",
            "writer_unavailable",
            "model_load_failed",
            "contracts_missing",
            "oom",
            "timeout");

    private static final Line EOF = ProtocolLines.EOF;

    private final WorkerLaunch launch;
    private final Process process;
    private final long startedMs;
    private final Writer log;
    private final BlockingQueue<Line> messages = new LinkedBlockingQueue<>();
    private final OutputTail tail = new OutputTail(TAIL_CHARS);
    private final List<String> rootCause = new ArrayList<>();
    private final Thread stderrReader;

    private RankedJob(WorkerLaunch launch, Process process, Writer log) {
        this.launch = launch;
        this.process = process;
        this.log = log;
        this.startedMs =
                process.info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
        Reaper.register(this);
        thread("stdout", () -> ProtocolLines.pump(process.getInputStream(), tail, messages));
        this.stderrReader = thread("stderr", () -> readStderr(process.getErrorStream()));
    }

    /**
     * Starts the launch.
     *
     * @param jobArgs    the job as {@code generate} options ({@code --model=...}, ...)
     * @param jobLogFile where the command, the protocol lines and every rank's stderr are appended
     * @throws IOException when the launcher cannot be started or the log cannot be written
     */
    public static RankedJob start(WorkerLaunch launch, List<String> jobArgs, Path jobLogFile) throws IOException {
        List<String> cmd = launch.rankedCommand(jobArgs);
        Writer log = Files.newBufferedWriter(
                jobLogFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = launch.processBuilder(cmd);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            log.close();
            throw new IOException(
                    "cannot start the " + launch.ranks() + "-rank launch on " + launch.name() + " (" + cmd.get(0)
                            + "): " + e.getMessage(),
                    e);
        }
        p.getOutputStream().close(); // the ranks read nothing
        ProtocolLines.write(
                log,
                "# " + Instant.now() + " " + launch.ranks() + " ranks on " + launch.name() + " (launcher pid " + p.pid()
                        + "; " + launch.env() + "): " + String.join(" ", cmd));
        return new RankedJob(launch, p, log);
    }

    /** The launcher's pid (its rank processes are its children). */
    public long pid() {
        return process.pid();
    }

    /** The launcher's start time, epoch milliseconds. */
    public long startedMs() {
        return startedMs;
    }

    /**
     * Waits for the job's result and the launcher's exit; always leaves no process of the job behind.
     *
     * @param watchdog   how long to wait for the result before killing the launch
     * @param onProgress receives rank 0's progress messages
     */
    public WorkerOutcome await(Duration watchdog, Consumer<JsonNode> onProgress) {
        try {
            return exchange(watchdog, onProgress);
        } finally {
            kill();
            synchronized (log) {
                try {
                    log.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    private WorkerOutcome exchange(Duration watchdog, Consumer<JsonNode> onProgress) {
        long deadline = System.nanoTime() + watchdog.toNanos();
        JsonNode result = null;
        while (true) {
            Line line;
            try {
                // after the result, only the exit remains: a minute is plenty for the ranks to leave
                long until = result == null ? deadline : Math.min(deadline, System.nanoTime() + 60_000_000_000L);
                line = messages.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new WorkerOutcome.Crashed("interrupted while waiting for the ranks on " + launch.name());
            }
            if (line == null) {
                if (result != null) {
                    return verdict(result, null);
                }
                return new WorkerOutcome.Hung(launch.ranks() + " ranks on " + launch.name() + " (launcher pid "
                        + pid() + ") sent no result within " + watchdog.toSeconds() + " s (the job's timeout plus "
                        + "grace); killed them; last output: " + tail.oneLine());
            }
            if (line == EOF) {
                Integer code = exitCode();
                if (result != null) {
                    return verdict(result, code);
                }
                return new WorkerOutcome.Crashed("the " + launch.ranks() + "-rank launch on " + launch.name()
                        + " (launcher pid " + pid() + ") ended without a result (exit code " + code + ")"
                        + cause() + "; last output: " + tail.oneLine());
            }
            ProtocolLines.write(log, line.raw());
            if (line.json() == null) {
                return new WorkerOutcome.Crashed("rank 0 on " + launch.name() + " wrote a line that is not protocol "
                        + "JSON: '" + ProtocolLines.clip(line.raw()) + "'; last output: " + tail.oneLine());
            }
            String type = line.json().path("type").asText();
            if (type.equals("progress")) {
                onProgress.accept(line.json());
            } else if (type.equals("result") && result == null) {
                result = line.json();
            }
        }
    }

    private WorkerOutcome verdict(JsonNode result, Integer code) {
        String status = result.path("status").asText();
        String errorCode = result.path("error_code").asText("");
        if (Integer.valueOf(0).equals(code) || status.equals("ok") || DETERMINISTIC.contains(errorCode)) {
            return new WorkerOutcome.Finished(result);
        }
        return new WorkerOutcome.Crashed("a rank of the " + launch.ranks() + "-rank job on " + launch.name()
                + " failed (launcher exit code " + code + ")" + cause() + "; rank 0 reported: "
                + result.path("message").asText() + "; last output: " + tail.oneLine());
    }

    /** The launcher's "Root Cause" (the first rank that failed, its exit code or signal), or empty. */
    private String cause() {
        synchronized (rootCause) {
            return rootCause.isEmpty() ? "" : "; root cause: " + String.join(", ", rootCause);
        }
    }

    private Integer exitCode() {
        try {
            if (process.waitFor(30, TimeUnit.SECONDS)) {
                stderrReader.join(5_000); // the launcher's last words (its root cause) come just before it exits
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Kills the launcher and every rank now (SIGKILL). */
    @Override
    public void kill() {
        Reaper.killTree(process);
        Reaper.unregister(this);
    }

    private void readStderr(InputStream in) {
        boolean inRootCause = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String s;
            while ((s = r.readLine()) != null) {
                tail.add(s);
                ProtocolLines.write(log, "[stderr] " + s);
                if (s.contains("Root Cause")) {
                    inRootCause = true;
                } else if (inRootCause && s.startsWith("====")) {
                    inRootCause = false;
                } else if (inRootCause && s.strip().matches("(rank|exitcode)\\s*:.*")) {
                    synchronized (rootCause) {
                        rootCause.add(s.strip().replaceAll("\\s+", " "));
                    }
                }
            }
        } catch (IOException e) {
            tail.add("[runner] reading the launcher's stderr failed: " + e.getMessage());
        }
    }

    private Thread thread(String stream, Runnable r) {
        Thread t = new Thread(r, "ranks-" + launch.name() + "-" + stream);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
