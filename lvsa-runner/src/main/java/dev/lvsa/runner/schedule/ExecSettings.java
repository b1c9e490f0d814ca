package dev.lvsa.runner.schedule;

import dev.lvsa.runner.experiment.Experiment;
import java.time.Duration;

/**
 * How jobs run (not what they make): limits and retries.
 *
 * @param timeoutS      the job's time limit, given to the worker
 * @param graceS        extra wait before the runner kills a worker that sent no result
 * @param readyTimeoutS wait for a starting worker's ready line
 * @param retries       retries after a crashed or hung worker
 */
public record ExecSettings(double timeoutS, double graceS, double readyTimeoutS, int retries) {
    public static ExecSettings of(Experiment e) {
        return new ExecSettings(e.timeoutS(), e.timeoutGraceS(), e.readyTimeoutS(), e.retries());
    }

    public Duration watchdog() {
        return Duration.ofMillis((long) ((timeoutS + graceS) * 1000));
    }

    public Duration readyTimeout() {
        return Duration.ofMillis((long) (readyTimeoutS * 1000));
    }
}
