package dev.lvsa.baselines.pattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * An immutable frame-level attention mask over {@code T} latent frames: for each query frame, the set of key frames
 * it attends. Every token of an attended frame is attended (frame = block).
 */
public final class FrameMask {
    private final int frames;
    private final BitSet[] rows;
    private final int hash;

    private FrameMask(int frames, BitSet[] rows) {
        this.frames = frames;
        this.rows = rows;
        this.hash = Arrays.hashCode(rows);
    }

    /**
     * Builds a mask from one key-frame set per query frame. Bits at or above {@code frames} are an error.
     *
     * @param frames latent frames T (at least 1)
     * @param row    for query frame q, the key frames it attends (copied)
     */
    public static FrameMask of(int frames, IntFunction<BitSet> row) {
        if (frames < 1) {
            throw new IllegalArgumentException("a mask needs at least one frame, got " + frames);
        }
        BitSet[] rows = new BitSet[frames];
        for (int q = 0; q < frames; q++) {
            BitSet r = (BitSet) row.apply(q).clone();
            if (r.length() > frames) {
                throw new IllegalArgumentException("query frame " + q + " attends key frame " + (r.length() - 1)
                        + " outside [0, " + (frames - 1) + "]");
            }
            rows[q] = r;
        }
        return new FrameMask(frames, rows);
    }

    /** The dense mask: every query frame attends every key frame. */
    public static FrameMask full(int frames) {
        BitSet all = new BitSet(frames);
        all.set(0, frames);
        return of(frames, q -> all);
    }

    /** Latent frames T. */
    public int frames() {
        return frames;
    }

    /** Whether query frame {@code q} attends key frame {@code k}. */
    public boolean attends(int q, int k) {
        return rows[q].get(k);
    }

    /** The key frames query frame {@code q} attends (a copy). */
    public BitSet row(int q) {
        return (BitSet) rows[q].clone();
    }

    /** How many key frames query frame {@code q} attends: its per-query budget. */
    public int rowCount(int q) {
        return rows[q].cardinality();
    }

    /** Attended (query frame, key frame) pairs. */
    public long attendedPairs() {
        long n = 0;
        for (BitSet r : rows) {
            n += r.cardinality();
        }
        return n;
    }

    /** Frame-level density: attended pairs / T². */
    public double density() {
        return (double) attendedPairs() / ((double) frames * frames);
    }

    /** Whether every query attends every key. */
    public boolean isFull() {
        return attendedPairs() == (long) frames * frames;
    }

    /** Whether some query frame attends no key frame at all (attention over an empty set is undefined). */
    public boolean hasEmptyRow() {
        for (BitSet r : rows) {
            if (r.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Key frames attended by every query frame: the mask's anchors (global frames). */
    public BitSet anchors() {
        BitSet a = (BitSet) rows[0].clone();
        for (int q = 1; q < frames; q++) {
            a.and(rows[q]);
        }
        return a;
    }

    /**
     * Row {@code q} as sorted, disjoint, non-adjacent inclusive intervals {@code [first, last]}: the plan's
     * compact form.
     */
    public List<int[]> intervals(int q) {
        List<int[]> out = new ArrayList<>();
        BitSet r = rows[q];
        int start = r.nextSetBit(0);
        while (start >= 0) {
            int end = r.nextClearBit(start) - 1;
            out.add(new int[] {start, end});
            start = r.nextSetBit(end + 1);
        }
        return out;
    }

    /** Builds a mask from per-row intervals (the inverse of {@link #intervals(int)}). */
    public static FrameMask fromIntervals(int frames, List<List<int[]>> rowIntervals) {
        if (rowIntervals.size() != frames) {
            throw new IllegalArgumentException(rowIntervals.size() + " rows for " + frames + " frames");
        }
        return of(frames, q -> {
            BitSet b = new BitSet(frames);
            for (int[] iv : rowIntervals.get(q)) {
                b.set(iv[0], iv[1] + 1);
            }
            return b;
        });
    }

    /** Pairs attended by this mask or {@code other}. */
    public FrameMask union(FrameMask other) {
        return combine(other, BitSet::or);
    }

    /** Pairs attended by both masks. */
    public FrameMask intersection(FrameMask other) {
        return combine(other, BitSet::and);
    }

    /** Row by row: a copy of this mask's row, changed in place by {@code op} with {@code other}'s row. */
    private FrameMask combine(FrameMask other, BiConsumer<BitSet, BitSet> op) {
        requireSameFrames(other);
        return of(frames, q -> {
            BitSet b = row(q);
            op.accept(b, other.rows[q]);
            return b;
        });
    }

    private void requireSameFrames(FrameMask other) {
        if (other.frames != frames) {
            throw new IllegalArgumentException("masks over " + frames + " and " + other.frames + " frames");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameMask m && m.frames == frames && m.hash == hash && Arrays.equals(m.rows, rows);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "FrameMask[T=" + frames + ", density=" + String.format("%.3f", density()) + "]";
    }
}
