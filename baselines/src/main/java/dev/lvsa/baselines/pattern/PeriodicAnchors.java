package dev.lvsa.baselines.pattern;

import dev.lvsa.common.BadInputException;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every query frame attends the periodic key frames {@code (o + i * interval) mod T} for
 * {@code i = 0 .. ceil(T / interval) - 1}, where {@code o = offset} or, with rotation,
 * {@code o = (offset + step) mod interval}. The modular wrap keeps their number the same for every offset.
 */
public record PeriodicAnchors(int interval, boolean rotate, int offset) implements FramePattern {
    public PeriodicAnchors {
        if (interval < 1) {
            throw new BadInputException("periodic_anchors interval " + interval + ": must be >= 1");
        }
        if (offset < 0) {
            throw new BadInputException("periodic_anchors offset " + offset + ": must be >= 0");
        }
    }

    /** The grid offset used at {@code step}. */
    public int offsetAt(int step) {
        return rotate ? Math.floorMod(offset + step, interval) : offset;
    }

    @Override
    public FrameMask mask(PatternContext context, int step) {
        int t = context.latentFrames();
        BitSet row = Lvsa.periodicAnchors(t, interval, offsetAt(step));
        return FrameMask.of(t, q -> row);
    }

    @Override
    public Map<String, Object> describe(PatternContext context) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "periodic_anchors");
        m.put("interval", interval);
        m.put("rotate", rotate);
        m.put("offset", offset);
        return m;
    }
}
