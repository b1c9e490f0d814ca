package dev.lvsa.runner.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lvsa.runner.ledger.Attempt;
import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.Ledger;
import dev.lvsa.runner.ledger.Recorder;
import dev.lvsa.runner.ledger.ResultRow;
import dev.lvsa.runner.ledger.RunEnvironment;
import dev.lvsa.runner.ledger.ScoreRow;
import dev.lvsa.runner.progress.RunListener;
import dev.lvsa.runner.scoring.Scorer;
import dev.lvsa.runner.worker.RankedJob;
import dev.lvsa.runner.worker.Reaper;
import dev.lvsa.runner.worker.WorkerLaunch;
import dev.lvsa.runner.worker.WorkerOutcome;
import dev.lvsa.runner.worker.WorkerProcess;
import dev.lvsa.runner.worker.WorkerStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/** Runs jobs on workers and records everything in the ledger (see the package doc). */
public final class Scheduler {
    /** Consecutive failed starts after which a worker slot gives up. */
    static final int MAX_START_FAILURES = 3;

    private final Ledger ledger;
    private final Recorder rec;
    private final Path runDir;
    private final List<WorkerLaunch> launches;
    private final ExecSettings exec;
    private final Scorer scorer;
    private final RunListener listener;
    private final ExecutorService scoring;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param runDir   absolute run folder
     * @param launches one per worker
     * @param scorer   scores finished videos, or null to skip scoring
     */
    public Scheduler(
            Ledger ledger,
            Path runDir,
            List<WorkerLaunch> launches,
            ExecSettings exec,
            Scorer scorer,
            RunListener listener) {
        this.ledger = ledger;
        this.rec = ledger.recorder();
        this.runDir = runDir;
        this.launches = List.copyOf(launches);
        this.exec = exec;
        this.scorer = scorer;
        this.listener = listener;
        this.scoring = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vqeval-scoring");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs the jobs (those not yet final), scores every ok job that has no score yet (also from earlier runs), and
     * returns when all are done or no worker can run the rest.
     *
     * @param grid      every job of the grid (for the counts shown)
     * @param toRun     the grid's jobs to run now, in order
     */
    public RunSummary run(List<JobRow> grid, List<JobRow> toRun) {
        int done = (int) grid.stream().filter(j -> j.status().isFinal()).count();
        listener.runStarted(grid.size(), done, launches.size());
        if (scorer != null) {
            for (JobRow j : rec.unscored()) {
                submitScore(j);
            }
        }
        BlockingDeque<JobRow> queue = new LinkedBlockingDeque<>(toRun);
        List<Thread> threads = new ArrayList<>();
        for (WorkerLaunch l : launches) {
            Thread t = new Thread(() -> slot(l, queue), "slot-" + l.name());
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        scoring.shutdown();
        try {
            while (!scoring.awaitTermination(1, TimeUnit.MINUTES)) {
                listener.note("waiting for VQeval to finish scoring");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.runFinished();
        Map<String, Integer> statuses = new HashMap<>();
        for (JobRow j : toRun) {
            statuses.merge(ledger.job(j.jobId()).status().id(), 1, Integer::sum);
        }
        synchronized (problems) {
            return new RunSummary(statuses, queue.size(), problems.isEmpty() ? null : String.join("; ", problems));
        }
    }

    private void slot(WorkerLaunch launch, BlockingDeque<JobRow> queue) {
        try {
            if (launch.ranks() > 1) {
                workRanked(launch, queue);
            } else {
                work(launch, queue);
            }
        } catch (RuntimeException e) {
            // e.g. the ledger's disk is full: stop this worker; its job stays 'running' and the next run retries it
            String why =
                    "worker " + launch.name() + " stopped: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            listener.note(why);
            addProblem(why);
        }
    }

    private void work(WorkerLaunch launch, BlockingDeque<JobRow> queue) {
        WorkerProcess w = null;
        int startFailures = 0;
        Set<String> unloadable = new HashSet<>();
        try {
            JobRow job;
            while (!Reaper.stopping() && (job = queue.pollFirst()) != null) {
                boolean done = false;
                while (!done && !Reaper.stopping()) {
                    if (w == null || !w.isAlive()) {
                        if (w != null) {
                            w.kill();
                        }
                        w = null;
                        // a dummy-weight model is built per job from the registry, not preloaded from a folder
                        String preload =
                                unloadable.contains(job.modelPath()) || job.dummyWeights() ? null : job.modelPath();
                        try {
                            long t0 = System.nanoTime();
                            noteStarting(launch, preload);
                            w = WorkerProcess.start(
                                    launch.withPreload(preload, job.dtype()),
                                    exec.readyTimeout(),
                                    runDir.resolve("logs"));
                            startFailures = 0;
                            noteReady(launch, t0);
                            RunEnvironment.recordWorker(ledger, w.ready());
                        } catch (WorkerStartException e) {
                            if (e.reportedByWorker() && preload != null) {
                                // the model may be the problem: let the job run and report it as its own error
                                unloadable.add(preload);
                                continue;
                            }
                            startFailures++;
                            if (givesUp(e, startFailures, job, queue)) {
                                return;
                            }
                            continue;
                        }
                    }
                    done = attempt(launch, w, job);
                    if (!done && !w.isAlive()) {
                        w = null;
                    }
                }
            }
        } finally {
            if (w != null) {
                w.close();
            }
        }
    }

    private void noteStarting(WorkerLaunch launch, String preload) {
        listener.note("starting a worker on " + launch.device()
                + (preload == null ? "" : " with " + preload + " preloaded")
                + " (Python, PyTorch and the model load first)");
    }

    private void noteReady(WorkerLaunch launch, long t0) {
        listener.note(String.format(
                java.util.Locale.ROOT,
                "worker on %s ready after %.1f s",
                launch.device(),
                (System.nanoTime() - t0) / 1e9));
    }

    /**
     * Notes a failed worker start; true when this slot gives up (the worker reported the failure, is incompatible,
     * or failed {@link #MAX_START_FAILURES} starts in a row): the job goes back to the head of the queue and the
     * failure is a problem of the run.
     */
    private boolean givesUp(WorkerStartException e, int startFailures, JobRow job, BlockingDeque<JobRow> queue) {
        listener.note(e.getMessage());
        if (e.reportedByWorker() || e.incompatible() || startFailures >= MAX_START_FAILURES) {
            queue.addFirst(job);
            addProblem(e.getMessage());
            return true;
        }
        return false;
    }

    /**
     * Jobs over several devices: every attempt is its own {@code torch.distributed.run} launch of
     * {@code launch.ranks()} ranks on this slot's devices (one job at a time, so no other job gets them meanwhile).
     */
    private void workRanked(WorkerLaunch launch, BlockingDeque<JobRow> queue) {
        JobRow next;
        while (!Reaper.stopping() && (next = queue.pollFirst()) != null) {
            JobRow job = next;
            boolean done = false;
            while (!done && !Reaper.stopping()) {
                RankedJob r;
                Path log = jobLog(job);
                long t0 = System.nanoTime();
                try {
                    r = RankedJob.start(
                            launch, JobRequests.generateArgs(JobRequests.job(job, runDir, null), exec.timeoutS()), log);
                } catch (IOException e) {
                    queue.addFirst(job);
                    listener.note(e.getMessage());
                    addProblem(e.getMessage());
                    return;
                }
                Attempt a = rec.startAttempt(
                        job.jobId(), "local", "torchrun " + launch.name(), r.pid(), r.startedMs(), launch.name());
                listener.jobStarted(job, launch.name(), r.pid(), a.number());
                WorkerOutcome o = r.await(exec.watchdog(), msg -> progress(job, launch, msg));
                done = record(a, job, o, (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    private Path jobLog(JobRow job) {
        return runDir.resolve("logs")
                .resolve(Path.of(job.videoPath()).getFileName().toString().replaceFirst("\\.mp4$", "") + ".log");
    }

    /** One attempt; true when the job reached a final status. */
    private boolean attempt(WorkerLaunch launch, WorkerProcess w, JobRow job) {
        Attempt a = rec.startAttempt(job.jobId(), "local", launch.name(), w.pid(), w.startedMs(), launch.name());
        listener.jobStarted(job, launch.name(), w.pid(), a.number());
        long t0 = System.nanoTime();
        WorkerOutcome o = w.generate(
                job.jobId() + "/" + a.number(),
                JobRequests.job(job, runDir, null),
                exec.timeoutS(),
                exec.watchdog(),
                msg -> progress(job, launch, msg),
                jobLog(job));
        return record(a, job, o, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Records how an attempt ended; true when the job reached a final status. A crashed or hung worker (for a job
     * over several devices: any rank) is retried until {@code retries} such attempts, then the job fails.
     */
    private boolean record(Attempt a, JobRow job, WorkerOutcome o, double seconds) {
        if (Reaper.stopping()) {
            return true; // shutting down: the attempt stays 'running' and the next run retries it
        }
        if (o instanceof WorkerOutcome.Finished f) {
            ResultRow r = JobRequests.result(f.result());
            if (r.status().equals("ok") && (r.output() == null || !Files.isRegularFile(Path.of(r.output())))) {
                r = ResultRow.runnerVerdict(
                        "error",
                        "missing_output",
                        "the worker reported ok but the video " + r.output() + " does not exist");
            }
            rec.finish(a, r);
            listener.jobFinished(job, r.status(), r.message(), seconds);
            if (r.status().equals("ok") && scorer != null && !job.speedOnly()) { // dummy weights, timed steps
                submitScore(job);
            }
            return true;
        }
        boolean hung = o instanceof WorkerOutcome.Hung;
        String message = hung ? ((WorkerOutcome.Hung) o).message() : ((WorkerOutcome.Crashed) o).message();
        String outcome = hung ? Attempt.HUNG : Attempt.CRASHED;
        int failures = rec.countedFailures(job.jobId()) + 1;
        if (failures > exec.retries()) {
            String status = hung ? "timeout" : "error";
            String why = (hung ? "no result in time" : "the worker crashed") + " on " + failures + " attempt"
                    + (failures == 1 ? "" : "s") + "; last: " + message;
            rec.giveUp(a, outcome, ResultRow.runnerVerdict(status, hung ? "worker_hung" : "worker_crashed", why));
            listener.jobFinished(job, status, why, seconds);
            return true;
        }
        rec.fail(a, outcome, message);
        listener.jobRetried(job, message);
        return false;
    }

    private void progress(JobRow job, WorkerLaunch launch, JsonNode msg) {
        if ("denoise".equals(msg.path("phase").asText())) {
            listener.jobProgress(
                    job,
                    launch.name(),
                    msg.path("step").asInt(),
                    msg.path("steps").asInt());
        }
    }

    /** A problem the run's summary reports (slots note them from their own threads). */
    private void addProblem(String why) {
        synchronized (problems) {
            problems.add(why);
        }
    }

    private void submitScore(JobRow job) {
        scoring.submit(() -> {
            if (Reaper.stopping()) {
                return;
            }
            try {
                ScoreRow s = scorer.score(runDir.resolve(job.videoPath()), job.videoPath());
                rec.score(job.jobId(), s);
                listener.scored(job, s);
            } catch (RuntimeException e) {
                listener.note("could not record the score of " + job.label() + ": " + e.getMessage());
            }
        });
    }
}
