package dev.lvsa.runner.worker;

/** A worker could not be started or did not become ready; the message says why, with its last output. */
public class WorkerStartException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean reportedByWorker;
    private final boolean incompatible;

    public WorkerStartException(String message, boolean reportedByWorker) {
        this(message, reportedByWorker, false);
    }

    private WorkerStartException(String message, boolean reportedByWorker, boolean incompatible) {
        super(message);
        this.reportedByWorker = reportedByWorker;
        this.incompatible = incompatible;
    }

    /** The worker became ready but speaks another protocol version ({@link WorkerProtocol#refusal}). */
    public static WorkerStartException incompatible(String message) {
        return new WorkerStartException(message, false, true);
    }

    /** True when the worker speaks another protocol version: no worker of this program will do, retrying is useless. */
    public boolean incompatible() {
        return incompatible;
    }

    /** True when the worker itself answered with a start-up error (e.g. unknown device): retrying will not help. */
    public boolean reportedByWorker() {
        return reportedByWorker;
    }
}
