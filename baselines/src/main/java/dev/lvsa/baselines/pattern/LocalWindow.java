package dev.lvsa.baselines.pattern;

import dev.lvsa.common.BadInputException;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Query frame {@code f} attends the key frames around it, {@code [f - W, f + W]}.
 *
 * <p>{@link Mode#CLIP} cuts the window at the ends (frames near an end attend fewer frames); {@link Mode#SHIFT}
 * slides it inside {@code [0, T-1]} so every query attends {@code min(2W+1, T)} frames (LVSA's window before its
 * outward growth).
 */
public record LocalWindow(int halfWidth, Mode mode) implements FramePattern {
    /** How the window behaves at the ends of the video. */
    public enum Mode {
        CLIP,
        SHIFT
    }

    public LocalWindow {
        if (halfWidth < 0) {
            throw new BadInputException("window half_width " + halfWidth + ": must be >= 0");
        }
    }

    /** The inclusive bounds of query frame {@code f}'s window over {@code frames} frames. */
    public int[] bounds(int f, int frames) {
        if (mode == Mode.CLIP) {
            return new int[] {Math.max(0, f - halfWidth), Math.min(frames - 1, f + halfWidth)};
        }
        return Lvsa.shiftedWindow(f, halfWidth, frames);
    }

    @Override
    public FrameMask mask(PatternContext context, int step) {
        int t = context.latentFrames();
        return FrameMask.of(t, q -> {
            int[] b = bounds(q, t);
            BitSet row = new BitSet(t);
            row.set(b[0], b[1] + 1);
            return row;
        });
    }

    @Override
    public Map<String, Object> describe(PatternContext context) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "window");
        m.put("half_width", halfWidth);
        m.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }
}
