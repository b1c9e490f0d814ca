package dev.lvsa.reports.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One job of a run, as one row of the runner's export CSV.
 *
 * @param jobId the job's id, or empty
 * @param model model registry name
 * @param method attention method ({@code dense}, {@code riflex}, {@code ultravico}, {@code lvsa} or a user pattern)
 * @param horizon generated length over the training length
 * @param frames video frames generated, or -1 when not given
 * @param promptId prompt id, or empty
 * @param seed seed as written, or empty
 * @param status the job's status
 * @param statusText the status as written (for statuses outside the contract)
 * @param backend attention kernel backend the worker used, or empty
 * @param video path of the generated video as written (relative to the run folder or absolute), or empty
 * @param prompt the prompt text, or empty
 * @param message the worker's message (an error's cause), or empty
 * @param variant the method variant's label ({@code lvsa[window=2]}), or empty
 * @param plan the job's attention plan file as written (relative to the run folder or absolute), or empty
 * @param numbers every numeric cell of the row by column name (empty and non-numeric cells left out)
 */
public record JobRecord(
        String jobId,
        String model,
        String method,
        Horizon horizon,
        int frames,
        String promptId,
        String seed,
        JobStatus status,
        String statusText,
        String backend,
        String video,
        String prompt,
        String message,
        String variant,
        String plan,
        Map<String, Double> numbers) {

    public JobRecord {
        numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
    }

    /** A numeric column's value; NaN when the row has none. */
    public double number(String column) {
        Double v = numbers.get(column);
        return v == null ? Double.NaN : v;
    }

    public boolean ok() {
        return status == JobStatus.OK;
    }
}
