package dev.lvsa.runner.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lvsa.runner.worker.ProtocolLines.Line;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running {@code lvsa_worker serve} process (protocol: {@link WorkerProtocol}). Not thread-safe: one scheduler
 * thread drives one worker. A worker whose ready line names another protocol version is refused.
 */
public final class WorkerProcess implements AutoCloseable, Reaper.Killable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TAIL_CHARS = 6_000;
    /** Marks the end of stdout in the message queue. */
    private static final Line EOF = ProtocolLines.EOF;
    /** Stands for the message when this thread was interrupted while waiting (the worker has been killed). */
    private static final Line INTERRUPTED = new Line(null, null);

    private final WorkerLaunch launch;
    private final Process process;
    private final long startedMs;
    private final BufferedWriter stdin;
    private final BlockingQueue<Line> messages = new LinkedBlockingQueue<>();
    private final OutputTail tail = new OutputTail(TAIL_CHARS);
    private final Writer workerLog;
    private final Thread stderrReader;
    private volatile Writer jobLog;
    private JsonNode ready;

    private WorkerProcess(WorkerLaunch launch, Process process, Writer workerLog) {
        this.launch = launch;
        this.process = process;
        this.workerLog = workerLog;
        this.startedMs =
                process.info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
        this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Reaper.register(this);
        thread("stdout", () -> ProtocolLines.pump(process.getInputStream(), tail, messages));
        this.stderrReader = thread("stderr", () -> readStderr(process.getErrorStream()));
    }

    /**
     * Starts a worker and waits for its {@code ready} line.
     *
     * @param logDir folder for the worker's own log ({@code worker-NAME-PID.log}: all of its stderr)
     * @throws WorkerStartException if it cannot be started, reports a start-up error, dies, stays silent or speaks
     *                              another protocol version
     */
    public static WorkerProcess start(WorkerLaunch launch, Duration readyTimeout, Path logDir)
            throws WorkerStartException {
        ProcessBuilder pb = launch.processBuilder(launch.command());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new WorkerStartException(
                    "cannot start worker " + launch.name() + " ("
                            + launch.command().get(0) + "): " + e.getMessage(),
                    false);
        }
        Writer log;
        try {
            Files.createDirectories(logDir);
            Path f = logDir.resolve(
                    "worker-" + launch.name().replaceAll("[^A-Za-z0-9._-]", "-") + "-" + p.pid() + ".log");
            log = Files.newBufferedWriter(
                    f, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            log.write("# " + Instant.now() + " started: " + String.join(" ", launch.command()) + "\n");
        } catch (IOException e) {
            p.destroyForcibly();
            throw new WorkerStartException("cannot write the worker log in " + logDir + ": " + e.getMessage(), false);
        }
        WorkerProcess w = new WorkerProcess(launch, p, log);
        w.awaitReady(readyTimeout);
        return w;
    }

    private void awaitReady(Duration timeout) throws WorkerStartException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Line line = nextLine(deadline);
            if (line == INTERRUPTED) {
                throw new WorkerStartException("interrupted while waiting for worker " + launch.name(), false);
            }
            if (line == null) {
                kill();
                throw new WorkerStartException(
                        "worker " + launch.name() + " sent no ready line within " + timeout.toSeconds()
                                + " s; last output: " + tail.oneLine(),
                        false);
            }
            if (line == EOF) {
                int code = waitExit();
                throw new WorkerStartException(
                        "worker " + launch.name() + " exited with code " + code + " before it was ready; last output: "
                                + tail.oneLine(),
                        false);
            }
            if (line.json() == null) {
                kill();
                throw new WorkerStartException(notProtocol(line), false);
            }
            String type = line.json().path("type").asText();
            if (type.equals("ready")) {
                String refusal = WorkerProtocol.refusal(
                        launch.name() + " (" + String.join(" ", launch.program()) + ")", line.json());
                if (refusal != null) {
                    kill();
                    throw WorkerStartException.incompatible(refusal);
                }
                ready = line.json();
                return;
            }
            if (type.equals("error")) {
                waitExit();
                kill();
                throw new WorkerStartException(
                        "worker " + launch.name() + " could not start: "
                                + line.json().path("message").asText(),
                        true);
            }
        }
    }

    /** The worker's ready message. */
    public JsonNode ready() {
        return ready;
    }

    public long pid() {
        return process.pid();
    }

    /** The process's start time, epoch milliseconds (with the pid, it identifies the process). */
    public long startedMs() {
        return startedMs;
    }

    public WorkerLaunch launch() {
        return launch;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends one {@code generate} request and waits for its result.
     *
     * @param id         the request id
     * @param job        the request's {@code job} object
     * @param timeoutS   the job's time limit, given to the worker
     * @param watchdog   how long to wait for the result before killing the worker
     * @param onProgress receives every {@code progress} message of this request
     * @param jobLogFile where this request's messages and the worker's stderr during it are appended
     */
    public WorkerOutcome generate(
            String id,
            ObjectNode job,
            double timeoutS,
            Duration watchdog,
            Consumer<JsonNode> onProgress,
            Path jobLogFile) {
        ObjectNode req = JSON.createObjectNode();
        req.put("type", "generate");
        req.put("id", id);
        req.put("timeout_s", timeoutS);
        req.set("job", job);
        String line = req.toString();
        try (Writer log = Files.newBufferedWriter(
                jobLogFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            log.write("# " + Instant.now() + " request to worker " + launch.name() + " (pid " + pid() + ")\n" + line
                    + "\n");
            log.flush();
            jobLog = log;
            try {
                return exchange(id, line, watchdog, onProgress, log);
            } finally {
                jobLog = null;
            }
        } catch (IOException e) {
            kill();
            return new WorkerOutcome.Crashed("cannot write the job log " + jobLogFile + ": " + e.getMessage());
        }
    }

    private WorkerOutcome exchange(
            String id, String request, Duration watchdog, Consumer<JsonNode> onProgress, Writer log)
            throws IOException {
        try {
            stdin.write(request);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            kill();
            return new WorkerOutcome.Crashed("worker " + launch.name() + " (pid " + pid() + ") is gone (writing the "
                    + "request failed: " + e.getMessage() + "); exit code " + waitExit() + "; last output: "
                    + tail.oneLine());
        }
        long deadline = System.nanoTime() + watchdog.toNanos();
        while (true) {
            Line line = nextLine(deadline);
            if (line == INTERRUPTED) {
                return new WorkerOutcome.Crashed("interrupted while waiting for worker " + launch.name());
            }
            if (line == null) {
                kill();
                return new WorkerOutcome.Hung("worker " + launch.name() + " (pid " + pid() + ") sent no result within "
                        + watchdog.toSeconds() + " s (the job's timeout plus grace); killed it; last output: "
                        + tail.oneLine());
            }
            if (line == EOF) {
                int code = waitExit();
                return new WorkerOutcome.Crashed("worker " + launch.name() + " (pid " + pid() + ") died during the job"
                        + " (exit code " + code + describeSignal(code) + "); last output: " + tail.oneLine());
            }
            ProtocolLines.write(log, line.raw());
            if (line.json() == null) {
                kill();
                return new WorkerOutcome.Crashed(notProtocol(line));
            }
            String type = line.json().path("type").asText();
            boolean ours = id.equals(line.json().path("id").asText(null));
            if (type.equals("progress") && ours) {
                onProgress.accept(line.json());
            } else if (type.equals("result") && ours) {
                return new WorkerOutcome.Finished(line.json());
            } else if (type.equals("error") && (ours || line.json().path("id").isNull())) {
                ObjectNode r = JSON.createObjectNode();
                r.put("status", "error");
                r.put("error_code", line.json().path("error_code").asText("bad_request"));
                r.put(
                        "message",
                        "worker refused the request: "
                                + line.json().path("message").asText());
                return new WorkerOutcome.Finished(r);
            }
        }
    }

    /** Asks the worker to stop (closing its stdin), then kills it if it has not exited within a few seconds. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // it may be gone already
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        Reaper.unregister(this);
    }

    /** Kills the worker and its child processes now (SIGKILL). */
    @Override
    public void kill() {
        Reaper.killTree(process);
        Reaper.unregister(this);
    }

    /**
     * Waits (at most 10 s) for the worker to exit and returns its exit code, killing it if it does not; once it has
     * exited, waits (at most 5 s) for its stderr to be read to the end, so its last words (a traceback, the reason it
     * stopped) are in the tail and the job log before a message quotes them.
     */
    private int waitExit() {
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                stderrReader.join(5_000);
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        return process.isAlive() ? -1 : process.exitValue();
    }

    /**
     * The next message, waiting until {@code deadline} ({@link System#nanoTime()}): null when none came in time,
     * {@link #EOF} when stdout has ended, {@link #INTERRUPTED} when this thread was interrupted (the worker is then
     * killed and the thread's interrupt flag set again).
     */
    private Line nextLine(long deadline) {
        try {
            return messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            return INTERRUPTED;
        }
    }

    private String notProtocol(Line line) {
        return "worker " + launch.name() + " wrote a line that is not protocol JSON: '" + ProtocolLines.clip(line.raw())
                + "'; last output: " + tail.oneLine();
    }

    private static String describeSignal(int code) {
        return code > 128 && code < 160 ? ", signal " + (code - 128) : "";
    }

    private void readStderr(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String s;
            while ((s = r.readLine()) != null) {
                tail.add(s);
                ProtocolLines.write(workerLog, s);
                Writer j = jobLog;
                if (j != null) {
                    ProtocolLines.write(j, "[stderr] " + s);
                }
            }
        } catch (IOException e) {
            tail.add("[runner] reading the worker's stderr failed: " + e.getMessage());
        } finally {
            closeLog();
        }
    }

    private void closeLog() {
        synchronized (workerLog) {
            try {
                workerLog.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    private Thread thread(String stream, Runnable r) {
        Thread t = new Thread(r, "worker-" + launch.name() + "-" + stream);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
