package dev.lvsa.runner.ledger;

/**
 * One try at a job.
 *
 * @param attemptId ledger row id
 * @param jobId     the job
 * @param number    1-based attempt number of that job
 */
public record Attempt(long attemptId, String jobId, int number) {
    /** Outcomes an attempt can end with. */
    public static final String RUNNING = "running";

    public static final String CRASHED = "crashed";
    public static final String HUNG = "hung";
    public static final String INTERRUPTED = "interrupted";
    public static final String SUBMITTED = "submitted";
}
