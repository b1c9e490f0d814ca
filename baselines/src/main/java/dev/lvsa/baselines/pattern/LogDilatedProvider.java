package dev.lvsa.baselines.pattern;

import dev.lvsa.common.BadInputException;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An example code-defined pattern, registered through {@code META-INF/services}: each query frame attends its
 * local window {@code |q - k| <= window} plus key frames at power-of-two distances {@code |q - k| = 1, 2, 4, 8, ...}
 * (a frame-level, exponentially dilated pattern in the spirit of radial/log-sparse attention), plus the first
 * {@code n_first} frames. Parameters: {@code window} (default 1), {@code n_first} (default 1).
 */
public final class LogDilatedProvider implements PatternProvider {
    @Override
    public String name() {
        return "log_dilated";
    }

    @Override
    public String description() {
        return "local window plus key frames at power-of-two distances plus the first n_first frames";
    }

    @Override
    public FramePattern create(Map<String, Object> params) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        int window = PatternSpec.intParam(p, "window", 1, "log_dilated");
        int nFirst = PatternSpec.intParam(p, "n_first", 1, "log_dilated");
        if (!p.isEmpty()) {
            throw new BadInputException(
                    "log_dilated: unknown parameter(s) " + p.keySet() + " (known: window, n_first)");
        }
        if (window < 0 || nFirst < 0) {
            throw new BadInputException("log_dilated: window and n_first must be >= 0");
        }
        return new LogDilated(window, nFirst);
    }

    /** The pattern itself. */
    record LogDilated(int window, int nFirst) implements FramePattern {
        @Override
        public FrameMask mask(PatternContext context, int step) {
            int t = context.latentFrames();
            return FrameMask.of(t, q -> {
                BitSet row = new BitSet(t);
                row.set(0, Math.min(nFirst, t));
                row.set(Math.max(0, q - window), Math.min(t - 1, q + window) + 1);
                for (long d = 1; d < t; d *= 2) {
                    if (q - d >= 0) {
                        row.set((int) (q - d));
                    }
                    if (q + d < t) {
                        row.set((int) (q + d));
                    }
                }
                return row;
            });
        }

        @Override
        public Map<String, Object> describe(PatternContext context) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "log_dilated");
            m.put("window", window);
            m.put("n_first", nFirst);
            return m;
        }
    }
}
