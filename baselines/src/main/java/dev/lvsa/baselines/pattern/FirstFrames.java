package dev.lvsa.baselines.pattern;

import dev.lvsa.common.BadInputException;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every query frame attends the first {@code n} key frames (leading anchors; cut at T). */
public record FirstFrames(int n) implements FramePattern {
    public FirstFrames {
        if (n < 0) {
            throw new BadInputException("first_frames n " + n + ": must be >= 0");
        }
    }

    @Override
    public FrameMask mask(PatternContext context, int step) {
        int t = context.latentFrames();
        BitSet row = new BitSet(t);
        row.set(0, Math.min(n, t));
        return FrameMask.of(t, q -> row);
    }

    @Override
    public Map<String, Object> describe(PatternContext context) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "first_frames");
        m.put("n", n);
        return m;
    }
}
