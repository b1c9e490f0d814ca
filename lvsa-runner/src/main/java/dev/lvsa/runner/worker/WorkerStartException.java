package dev.lvsa.runner.worker;

/** A worker could not be started or did not become ready; the message says why, with its last output. */
public class WorkerStartException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean reportedByWorker;

    public WorkerStartException(String message, boolean reportedByWorker) {
        super(message);
        this.reportedByWorker = reportedByWorker;
    }

    /** True when the worker itself answered with a start-up error (e.g. unknown device): retrying will not help. */
    public boolean reportedByWorker() {
        return reportedByWorker;
    }
}
