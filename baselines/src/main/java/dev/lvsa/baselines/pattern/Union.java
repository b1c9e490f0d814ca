package dev.lvsa.baselines.pattern;

import dev.lvsa.common.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A key frame is attended if any part attends it. */
public record Union(List<FramePattern> parts) implements FramePattern {
    public Union {
        if (parts.isEmpty()) {
            throw new BadInputException("union: needs at least one part");
        }
        parts = List.copyOf(parts);
    }

    @Override
    public FrameMask mask(PatternContext context, int step) {
        FrameMask m = parts.get(0).mask(context, step);
        for (int i = 1; i < parts.size(); i++) {
            m = m.union(parts.get(i).mask(context, step));
        }
        return m;
    }

    @Override
    public Map<String, Object> describe(PatternContext context) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "union");
        List<Object> ps = new ArrayList<>();
        for (FramePattern p : parts) {
            ps.add(p.describe(context));
        }
        m.put("parts", ps);
        return m;
    }
}
