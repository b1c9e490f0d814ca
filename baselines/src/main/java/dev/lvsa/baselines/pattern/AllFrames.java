package dev.lvsa.baselines.pattern;

import java.util.LinkedHashMap;
import java.util.Map;

/** Dense: every query frame attends every key frame. Useful as a baseline and inside an intersection. */
public record AllFrames() implements FramePattern {
    @Override
    public FrameMask mask(PatternContext context, int step) {
        return FrameMask.full(context.latentFrames());
    }

    @Override
    public Map<String, Object> describe(PatternContext context) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "all");
        return m;
    }
}
