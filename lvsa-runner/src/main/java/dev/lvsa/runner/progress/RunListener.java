package dev.lvsa.runner.progress;

import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.ScoreRow;

/** Events of a run, in the order they happen; called from scheduler threads (implementations synchronise). */
public interface RunListener {
    /**
     * @param total   jobs of the grid
     * @param done    of them already finished before this run
     * @param workers workers that will run the rest
     */
    default void runStarted(int total, int done, int workers) {}

    /** An attempt starts on a worker (pid known). */
    default void jobStarted(JobRow job, String worker, long workerPid, int attempt) {}

    /** A denoising step finished. */
    default void jobProgress(JobRow job, String worker, int step, int steps) {}

    /** The job reached a final status. */
    default void jobFinished(JobRow job, String status, String message, double seconds) {}

    /** An attempt ended without a result (worker crashed or hung); the job will be retried. */
    default void jobRetried(JobRow job, String reason) {}

    /** A video was scored (or scoring failed: {@code score.status()} is error). */
    default void scored(JobRow job, ScoreRow score) {}

    /** Something the user should know (a worker restarted, a worker could not start). */
    default void note(String message) {}

    default void runFinished() {}

    /** Several listeners as one. */
    static RunListener all(RunListener... listeners) {
        return new RunListener() {
            @Override
            public void runStarted(int total, int done, int workers) {
                for (RunListener l : listeners) {
                    l.runStarted(total, done, workers);
                }
            }

            @Override
            public void jobStarted(JobRow job, String worker, long workerPid, int attempt) {
                for (RunListener l : listeners) {
                    l.jobStarted(job, worker, workerPid, attempt);
                }
            }

            @Override
            public void jobProgress(JobRow job, String worker, int step, int steps) {
                for (RunListener l : listeners) {
                    l.jobProgress(job, worker, step, steps);
                }
            }

            @Override
            public void jobFinished(JobRow job, String status, String message, double seconds) {
                for (RunListener l : listeners) {
                    l.jobFinished(job, status, message, seconds);
                }
            }

            @Override
            public void jobRetried(JobRow job, String reason) {
                for (RunListener l : listeners) {
                    l.jobRetried(job, reason);
                }
            }

            @Override
            public void scored(JobRow job, ScoreRow score) {
                for (RunListener l : listeners) {
                    l.scored(job, score);
                }
            }

            @Override
            public void note(String message) {
                for (RunListener l : listeners) {
                    l.note(message);
                }
            }

            @Override
            public void runFinished() {
                for (RunListener l : listeners) {
                    l.runFinished();
                }
            }
        };
    }
}
