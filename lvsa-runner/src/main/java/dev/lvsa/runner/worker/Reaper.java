package dev.lvsa.runner.worker;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Ends worker processes: every live one when the runner's JVM exits (a shutdown hook: no orphan after Ctrl-C or
 * SIGTERM), and, on resume, workers a killed runner left busy (identified by pid and start time, so a reused pid is
 * never touched).
 */
public final class Reaper {
    /** Something this JVM started that must not outlive it: a serve worker, or a job's rank group. */
    interface Killable {
        /** Kills the process and its child processes now. */
        void kill();
    }

    private static final Set<Killable> LIVE = ConcurrentHashMap.newKeySet();
    /**
     * How far the start time a JVM reads for a process may differ from the one an earlier JVM recorded. Linux
     * derives it from the boot time, which each JVM computes as "now minus uptime": a wall clock stepped in
     * between (NTP on a freshly booted machine) moves it by a second or more, and a strict 1 s tolerance then
     * missed a live orphan. A pid reused within 10 s by another process whose command line says {@code serve}
     * is not a realistic risk.
     */
    public static final long START_TOLERANCE_MS = 10_000;

    private static volatile boolean hooked;
    private static volatile boolean stopping;

    private Reaper() {}

    static void register(Killable w) {
        if (!hooked) {
            synchronized (Reaper.class) {
                if (!hooked) {
                    Runtime.getRuntime().addShutdownHook(new Thread(Reaper::killAll, "lvsa-worker-reaper"));
                    hooked = true;
                }
            }
        }
        LIVE.add(w);
    }

    static void unregister(Killable w) {
        LIVE.remove(w);
    }

    /** SIGKILLs a process and its descendants, then waits (at most 10 s) for it to end. */
    static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once the JVM is shutting down: workers are being killed on purpose, not crashing. */
    public static boolean stopping() {
        return stopping;
    }

    /** Kills every worker this JVM started and still runs (the JVM's exit path: marks {@link #stopping()}). */
    static void killAll() {
        stopping = true;
        for (Killable w : LIVE) {
            w.kill();
        }
    }

    /**
     * Kills workers left over by an earlier runner: each {@code [pid, startedMs]} whose process still runs, started
     * at that time (within {@link #START_TOLERANCE_MS}) and looks like a worker ({@code serve} in its command line, or
     * {@code --sequence-parallel}: the {@code torch.distributed.run} launcher of a job over several devices).
     *
     * @return how many were killed
     */
    public static int endStale(List<long[]> workers) {
        int killed = 0;
        for (long[] w : workers) {
            Optional<ProcessHandle> h = ProcessHandle.of(w[0]);
            if (h.isEmpty() || !h.get().isAlive()) {
                continue;
            }
            Optional<Instant> started = h.get().info().startInstant();
            boolean sameProcess =
                    started.isPresent() && Math.abs(started.get().toEpochMilli() - w[1]) < START_TOLERANCE_MS;
            boolean looksLikeWorker = h.get()
                            .info()
                            .commandLine()
                            .map(c -> c.contains("serve") || c.contains("--sequence-parallel"))
                            .orElse(false)
                    || h.get()
                            .info()
                            .arguments()
                            .map(a -> List.of(a).contains("serve") || List.of(a).contains("--sequence-parallel"))
                            .orElse(false);
            if (sameProcess && looksLikeWorker) {
                h.get().descendants().forEach(ProcessHandle::destroyForcibly);
                h.get().destroyForcibly();
                killed++;
            }
        }
        return killed;
    }
}
