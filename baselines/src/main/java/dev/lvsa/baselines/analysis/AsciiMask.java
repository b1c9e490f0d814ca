package dev.lvsa.baselines.analysis;

import dev.lvsa.baselines.pattern.FrameMask;
import java.util.BitSet;

/**
 * An ASCII picture of a frame mask: one row per query frame, one column per key frame. {@code A} = anchor (a key
 * frame every query attends at this step), {@code #} = attended, {@code .} = not attended; each row ends with its
 * attended count.
 */
public final class AsciiMask {
    private AsciiMask() {}

    /** The picture, with a two-line column header (tens, units) and a legend line. */
    public static String render(FrameMask mask) {
        int t = mask.frames();
        int pad = String.valueOf(t - 1).length();
        BitSet anchors = mask.anchors();
        StringBuilder sb = new StringBuilder();
        StringBuilder tens = new StringBuilder(" ".repeat(pad + 2));
        StringBuilder units = new StringBuilder(" ".repeat(pad + 2));
        for (int k = 0; k < t; k++) {
            tens.append(k % 10 == 0 ? Character.forDigit((k / 10) % 10, 10) : ' ');
            units.append(Character.forDigit(k % 10, 10));
        }
        if (t > 10) {
            sb.append(tens.toString().stripTrailing()).append('\n');
        }
        sb.append(units).append('\n');
        int min = Integer.MAX_VALUE;
        int max = 0;
        long sum = 0;
        for (int q = 0; q < t; q++) {
            sb.append(String.format("%" + pad + "d |", q));
            for (int k = 0; k < t; k++) {
                char c = !mask.attends(q, k) ? '.' : anchors.get(k) ? 'A' : '#';
                sb.append(c);
            }
            int n = mask.rowCount(q);
            min = Math.min(min, n);
            max = Math.max(max, n);
            sum += n;
            sb.append("| ").append(n).append('\n');
        }
        sb.append(String.format(
                "A=anchor (every query attends it) #=attended .=skipped   frames per query: min %d "
                        + "mean %.2f max %d of %d   density %.3f%n",
                min, (double) sum / t, max, t, mask.density()));
        return sb.toString();
    }
}
