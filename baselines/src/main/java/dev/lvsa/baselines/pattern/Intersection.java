package dev.lvsa.baselines.pattern;

import dev.lvsa.common.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A key frame is attended only if every part attends it. */
public record Intersection(List<FramePattern> parts) implements FramePattern {
    public Intersection {
        if (parts.isEmpty()) {
            throw new BadInputException("intersection: needs at least one part");
        }
        parts = List.copyOf(parts);
    }

    @Override
    public FrameMask mask(PatternContext context, int step) {
        FrameMask m = parts.get(0).mask(context, step);
        for (int i = 1; i < parts.size(); i++) {
            m = m.intersection(parts.get(i).mask(context, step));
        }
        return m;
    }

    @Override
    public Map<String, Object> describe(PatternContext context) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "intersection");
        List<Object> ps = new ArrayList<>();
        for (FramePattern p : parts) {
            ps.add(p.describe(context));
        }
        m.put("parts", ps);
        return m;
    }
}
