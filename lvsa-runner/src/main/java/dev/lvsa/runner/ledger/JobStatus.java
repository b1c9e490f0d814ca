package dev.lvsa.runner.ledger;

import java.util.Locale;

/** A job's state in the ledger. {@code ok}, {@code oom}, {@code error} and {@code timeout} are final. */
public enum JobStatus {
    /** Not started, or its last attempt was interrupted or crashed and it waits for a retry. */
    PENDING,
    /** An attempt is under way (or the runner was killed during one: the next run retries it). */
    RUNNING,
    /** Handed to Slurm; its result file has not been collected yet. */
    SUBMITTED,
    OK,
    /** Out of device or host memory: recorded, not retried. */
    OOM,
    /** The worker refused or failed the job, or the worker crashed on every attempt. */
    ERROR,
    /** The job ran past its time limit (the worker stopped it, or the runner killed a silent worker each time). */
    TIMEOUT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == OK || this == OOM || this == ERROR || this == TIMEOUT;
    }

    public static JobStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
