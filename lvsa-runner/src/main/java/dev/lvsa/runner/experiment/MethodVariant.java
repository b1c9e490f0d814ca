package dev.lvsa.runner.experiment;

import dev.lvsa.baselines.method.AttentionMethod;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One attention method with its knobs set: one value along the grid's method axis.
 *
 * @param method   the method name written in plans, the ledger and the CSV: {@code dense}, {@code riflex},
 *                 {@code ultravico}, {@code lvsa}, or a user pattern's name
 * @param label    how the variant is shown: the method name, plus its knobs when the user set any
 *                 (e.g. {@code lvsa[window=2]}), or the user's {@code label}
 * @param attention the method object that makes the plan
 * @param resolved every knob with its effective value (defaults filled in), in a stable order: part of the job id,
 *                 so spelling out a default does not make a different job
 */
public record MethodVariant(String method, String label, AttentionMethod attention, Map<String, Object> resolved) {
    public MethodVariant {
        resolved = Collections.unmodifiableMap(new LinkedHashMap<>(resolved));
    }
}
