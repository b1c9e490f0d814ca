package dev.lvsa.runner.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.runner.ledger.Ledger;
import dev.lvsa.runner.support.ChildJvm;
import dev.lvsa.runner.support.Experiments;
import dev.lvsa.runner.support.Repo;
import dev.lvsa.runner.worker.Reaper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger survives anything: the runner (a child JVM) is killed with SIGKILL at random points of a small CPU
 * grid, several times, then run to the end. No job is lost, none is done twice, every result is there once.
 */
class KillRunnerTest {
    static final int KILLS = 4;

    @Test
    void sigkill_at_random_points_then_resume(@TempDir Path dir) throws Exception {
        Repo.assumeRealWorker();
        Path exp = Experiments.write(dir, "exp.yaml", """
                models: [tiny-wan]
                methods: [dense, lvsa]
                horizons: [1, 2]
                prompt_sets: [demo-1]
                seeds: [0, 1]
                steps: 8
                device: cpu
                """);
        Path runDir = dir.resolve("run");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String why = "random seed " + seed + "; child output in " + dir;
        int killedMidAttempt = killAtRandomPoints(exp, runDir, dir, random);
        Process last = runner(exp, runDir, dir.resolve("runner-final.log"));
        assertThat(last.waitFor(300, TimeUnit.SECONDS)).as(why).isTrue();
        assertThat(last.exitValue())
                .as(why + ": " + Files.readString(dir.resolve("runner-final.log")))
                .isZero();
        assertThat(killedMidAttempt).as(why).isPositive();

        try (Ledger l = Ledger.openExisting(runDir)) {
            List<Map<String, Object>> jobs = l.query("SELECT job_id, status, video_path FROM jobs");
            assertThat(jobs).as(why).hasSize(8).allSatisfy(j -> assertThat(j).containsEntry("status", "ok"));
            for (Map<String, Object> j : jobs) {
                eachJobRanToOneResult(l, j, runDir, why);
            }
            everyAttemptEndedOkOrInterrupted(l, killedMidAttempt, why);
            // no worker outlives its runner: every worker that ever ran is gone
            for (Map<String, Object> w : l.query("SELECT DISTINCT worker_pid, worker_started_ms FROM attempts")) {
                long pid = ((Number) w.get("worker_pid")).longValue();
                long started = ((Number) w.get("worker_started_ms")).longValue();
                assertThat(waitGone(pid, started, 30))
                        .as("worker " + pid + " still runs; " + why)
                        .isTrue();
            }
        }
    }

    /**
     * Starts the runner {@link #KILLS} times and SIGKILLs it at a random moment once it has an attempt under way (at
     * once if it never gets one in time); returns how many times it was still alive to be killed.
     */
    private static int killAtRandomPoints(Path exp, Path runDir, Path dir, Random random) throws Exception {
        int killedMidAttempt = 0;
        for (int i = 0; i < KILLS; i++) {
            Process p = runner(exp, runDir, dir.resolve("runner-" + i + ".log"));
            boolean working = waitForRunningAttempt(runDir, p, 240);
            if (working) {
                Thread.sleep(random.nextInt(2500));
            }
            if (p.isAlive()) {
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
                p.waitFor(30, TimeUnit.SECONDS);
                killedMidAttempt++;
            }
        }
        return killedMidAttempt;
    }

    /** 8 attempts ok, none still running, and some interrupted by the kills (the counts are printed). */
    private static void everyAttemptEndedOkOrInterrupted(Ledger l, int killedMidAttempt, String why) {
        assertThat(l.query("SELECT COUNT(*) AS n FROM attempts WHERE outcome = 'ok'")
                        .get(0)
                        .get("n"))
                .isEqualTo(8);
        assertThat(l.query("SELECT COUNT(*) AS n FROM attempts WHERE outcome = 'running'")
                        .get(0)
                        .get("n"))
                .isEqualTo(0);
        Object interrupted = l.query("SELECT COUNT(*) AS n FROM attempts WHERE outcome = 'interrupted'")
                .get(0)
                .get("n");
        assertThat(((Number) interrupted).intValue())
                .as("kills that hit a job; " + why)
                .isPositive();
        System.out.printf(
                "KillRunnerTest: %d SIGKILLs, %s attempts interrupted, %s attempts in all (%s)%n",
                killedMidAttempt,
                interrupted,
                l.query("SELECT COUNT(*) AS n FROM attempts").get(0).get("n"),
                why);
    }

    /**
     * One job of the killed run: one result, one finished attempt (the result's, the last), every earlier attempt
     * interrupted and started before the result, a score, and its video.
     */
    private static void eachJobRanToOneResult(Ledger l, Map<String, Object> j, Path runDir, String why) {
        String id = (String) j.get("job_id");
        List<Map<String, Object>> results = l.query("SELECT * FROM results WHERE job_id = ?", id);
        assertThat(results).as(why).hasSize(1);
        List<Map<String, Object>> attempts = l.query(
                "SELECT attempt_id, number, outcome, started_at FROM attempts WHERE job_id = ? ORDER BY number", id);
        // exactly one attempt finished, it is the result's and the last one; earlier ones were interrupted
        assertThat(attempts.stream().filter(a -> a.get("outcome").equals("ok")))
                .as(why)
                .hasSize(1);
        Map<String, Object> lastAttempt = attempts.get(attempts.size() - 1);
        assertThat(lastAttempt)
                .containsEntry("outcome", "ok")
                .containsEntry("attempt_id", results.get(0).get("attempt_id"));
        assertThat(attempts.subList(0, attempts.size() - 1))
                .allSatisfy(a -> assertThat(a).containsEntry("outcome", "interrupted"));
        // a job with a result never ran again
        Instant recorded = Instant.parse((String) results.get(0).get("recorded_at"));
        assertThat(attempts)
                .allSatisfy(a ->
                        assertThat(Instant.parse((String) a.get("started_at"))).isBefore(recorded));
        assertThat(l.query("SELECT status FROM scores WHERE job_id = ?", id))
                .as(why)
                .hasSize(1)
                .allSatisfy(s -> assertThat(s).containsEntry("status", "ok"));
        assertThat(runDir.resolve((String) j.get("video_path"))).isNotEmptyFile();
    }

    @Test
    void a_worker_left_busy_by_a_killed_runner_is_ended_by_the_next_run(@TempDir Path dir) throws Exception {
        Path exp = Experiments.write(
                dir,
                "exp.yaml",
                "models: [tiny-wan]\nmethods: [dense]\nhorizons: [1]\n"
                        + "device: cpu\nsteps: 2\nprompts:\n  - {id: slow, text: SLOWONCE}\n");
        Path runDir = dir.resolve("run");
        List<String> args = List.of(
                "run",
                exp.toString(),
                "--out",
                runDir.toString(),
                "--python",
                Repo.systemPython(),
                "--worker-script",
                Repo.fakeWorker(dir.resolve("fake")).toString(),
                "--progress",
                "plain");
        Process first = ChildJvm.start(args, Map.of(), dir.resolve("first.log"));
        // deadlines, not sleeps: each wait returns as soon as the state is reached, and a loaded CI machine (JVM
        // and Python start-ups several times slower) must not turn a slow start into a failure
        assertThat(waitForRunningAttempt(runDir, first, 240))
                .as("the first runner never started its job")
                .isTrue();
        // and until the worker is inside the slow job (it marks it before sleeping): killed earlier, the runner may
        // not have handed the request over yet, and the idle worker would end on its own when its stdin closes
        assertThat(waitForFile(runDir.resolve(".slow-done"), first, 240))
                .as("the worker never began the job")
                .isTrue();
        long orphan;
        long orphanStarted;
        try (Ledger l = Ledger.openExisting(runDir)) {
            Map<String, Object> a = l.query("SELECT worker_pid, worker_started_ms FROM attempts")
                    .get(0);
            orphan = ((Number) a.get("worker_pid")).longValue();
            orphanStarted = ((Number) a.get("worker_started_ms")).longValue();
        }
        first.destroyForcibly();
        first.waitFor(30, TimeUnit.SECONDS);
        // the worker is busy (sleeping in its job) and does not notice its runner is gone
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

        ChildJvm.Result second = ChildJvm.run(args, Map.of(), dir.resolve("second.log"));
        assertThat(second.code()).as(second.output()).isZero();
        assertThat(second.output()).contains("ended 1 worker(s) a killed runner left behind");
        assertThat(waitGone(orphan, orphanStarted, 60)).isTrue();
        try (Ledger l = Ledger.openExisting(runDir)) {
            assertThat(l.query("SELECT outcome FROM attempts ORDER BY number"))
                    .extracting(m -> m.get("outcome"))
                    .containsExactly("interrupted", "ok");
        }
    }

    static Process runner(Path exp, Path runDir, Path log) throws IOException {
        return ChildJvm.start(
                List.of(
                        "run",
                        exp.toString(),
                        "--out",
                        runDir.toString(),
                        "--python",
                        Repo.venvPython().toString(),
                        "--progress",
                        "plain"),
                Map.of(),
                log);
    }

    /** Waits until the child runner has an attempt under way (or it exits); false if it never got there. */
    static boolean waitForRunningAttempt(Path runDir, Process p, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(runDir.resolve(Ledger.FILE))) {
                try (Ledger l = Ledger.openExisting(runDir)) {
                    if (!l.query("SELECT 1 FROM attempts WHERE outcome = 'running' AND runner_pid = ?", p.pid())
                            .isEmpty()) {
                        return true;
                    }
                } catch (RuntimeException e) {
                    // the child may be creating the database right now; look again
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Waits until {@code file} exists (or the child exits); false if it never appeared. */
    static boolean waitForFile(Path file, Process p, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(file)) {
                return true;
            }
            Thread.sleep(100);
        }
        return Files.exists(file);
    }

    static boolean waitGone(long pid, long startedMs, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            boolean alive = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .flatMap(h -> h.info().startInstant())
                    .map(s -> Math.abs(s.toEpochMilli() - startedMs) < Reaper.START_TOLERANCE_MS)
                    .orElse(false);
            if (!alive) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
