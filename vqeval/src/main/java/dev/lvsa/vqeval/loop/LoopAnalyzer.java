package dev.lvsa.vqeval.loop;

import dev.lvsa.vqeval.api.FrameEmbeddings;
import dev.lvsa.vqeval.api.FrameRange;
import dev.lvsa.vqeval.api.FrameSeries;
import dev.lvsa.vqeval.api.LoopFindings;
import dev.lvsa.vqeval.api.RepeatEvent;
import dev.lvsa.vqeval.api.SelfSimilarity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repeat model: explains a video as events (replays, ping-pong reversals, freezes) and derives the
 * loop fields from them. Replays and reversals come from the recurrence plot of structure distances
 * ({@link ReplayFinder}), freezes from the grey cells of every frame ({@link FreezeFinder}), duplicate
 * cadence and stutter from consecutive frames ({@link DuplicateFrames}). Videos longer than
 * {@link LoopParameters#maxMatrixFrames()} analysed frames are searched on every k-th frame, and each
 * replay's lag is then refined on every analysed frame.
 */
public final class LoopAnalyzer {

    private final LoopParameters params;

    public LoopAnalyzer(LoopParameters params) {
        this.params = params;
    }

    public LoopAnalyzer() {
        this(LoopParameters.defaults());
    }

    public LoopFindings analyse(FrameSeries series) {
        return analyse(series, List.of());
    }

    /**
     * The repeat model with learned feature channels beside the pixel channel: each channel's recurrence
     * plot ({@link SemanticMatrix}) is searched for replays and reversals like the structure one; an event
     * both find is one event whose {@code found} names both.
     */
    public LoopFindings analyse(FrameSeries series, List<FrameEmbeddings> channels) {
        int n = series.size();
        int step = Math.max(1, ceilDiv(n, params.maxMatrixFrames()));
        int[] rows = new int[ceilDiv(n, step)];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = k * step;
        }
        float[][] subset = new float[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            subset[k] = series.descriptors()[rows[k]];
        }
        long t0 = System.nanoTime();
        try (DistanceMatrix m = DistanceMatrix.of(subset, series.descriptorWidth(), series.descriptorHeight())) {
            return analyse(series, channels, m, rows, step, t0);
        }
    }

    private LoopFindings analyse(
            FrameSeries series, List<FrameEmbeddings> channels, DistanceMatrix m, int[] rows, int step, long t0) {
        Map<String, Long> ms = new LinkedHashMap<>();
        long t = System.nanoTime();
        ms.put("grey_matrix", (t - t0) / 1_000_000);
        int stride = series.stride();
        int n = series.size();
        double fps = series.info().fps();
        int unit = stride * step; // original frames per matrix row

        // freezes and duplicates on every analysed frame
        Freezes freezes = findFreezes(series, step == 1 ? m::greyDistance : null);
        t = lap(ms, "freezes_and_duplicates", t);

        // replays and reversals on the recurrence plot
        StructureMatrix sm = StructureMatrix.of(
                series.descriptors(),
                series.descriptorWidth(),
                series.descriptorHeight(),
                rows,
                params.temporalRadius());
        t = lap(ms, "structure_matrix", t);
        int minReplay =
                Math.max(params.minPeriodFrames(), fps > 0 ? (int) Math.round(params.minReplaySeconds() * fps) : 0);
        List<RepeatEvent> events = structureEvents(sm, fps, step, stride, n, minReplay);
        addFreezeEvents(events, freezes, stride);
        t = lap(ms, "replays", t);
        if (!channels.isEmpty()) {
            new SemanticReplays(params).addTo(events, channels, fps, stride, n, minReplay);
            t = lap(ms, "semantic_replays", t);
        }
        events.sort(Comparator.comparingInt(RepeatEvent::start).thenComparing(RepeatEvent::kind));

        // far-apart duplicates and novelty on the grey-level matrix
        int dupLag = Math.max(1, ceilDiv(params.duplicateMinLagFrames(), unit));
        RepeatAnalyzer.Repeats rep = new RepeatAnalyzer(params).analyse(m, dupLag);
        lap(ms, "far_duplicates", t);
        return findings(series, channels, m, sm, events, freezes, rep, dupLag * unit, step, ms);
    }

    /**
     * The freeze search on every analysed frame: its finder, the frozen runs (analysed frames, inclusive) and each
     * run's cycle ({@link StillCycle}, or null), which frames they cover, duplicate cadence and stutter, and the
     * shortest hard freeze in original frames.
     */
    private record Freezes(
            FreezeFinder finder,
            List<int[]> runs,
            List<StillCycle.Cycle> cycles,
            boolean[] frozen,
            DuplicateFrames.Outcome duplicates,
            int hardMin) {

        /** The cycle of the longest still that has one, or null. */
        StillCycle.Cycle longestCycle() {
            StillCycle.Cycle best = null;
            int length = 0;
            for (int k = 0; k < runs.size(); k++) {
                int[] r = runs.get(k);
                if (cycles.get(k) != null && r[1] - r[0] + 1 > length) {
                    best = cycles.get(k);
                    length = r[1] - r[0] + 1;
                }
            }
            return best;
        }
    }

    /**
     * {@code matrix}: the grey-level matrix's distances where it covers every analysed frame (step 1), which the
     * still-cycle search reads instead of recomputing them; null for a long clip.
     */
    private Freezes findFreezes(FrameSeries series, StillCycle.FrameDistance matrix) {
        int stride = series.stride();
        double fps = series.info().fps();
        float[][] grey = greyCells(series);
        int hardMin =
                Math.max(params.freezeMinFrames(), fps > 0 ? (int) Math.round(params.freezeMinSeconds() * fps) : 0);
        int softMin = fps > 0 ? (int) Math.round(params.softFreezeMinSeconds() * fps) : 3 * hardMin;
        FreezeFinder finder = new FreezeFinder(
                grey,
                params.identicalLevel(),
                params.softFreezeLevel(),
                ceilDiv(hardMin, stride),
                ceilDiv(softMin, stride));
        List<int[]> runs = finder.find();
        boolean[] frozen = new boolean[series.size()];
        List<StillCycle.Cycle> cycles = new ArrayList<>();
        int minPeriod = ceilDiv(params.minPeriodFrames(), stride);
        int maxPeriod = fps > 0 ? (int) Math.round(StillCycle.MAX_SECONDS * fps / stride) : Integer.MAX_VALUE;
        for (int[] r : runs) {
            Arrays.fill(frozen, r[0], r[1] + 1, true);
            cycles.add(StillCycle.find(matrix != null ? matrix : finder::meanDiff, r[0], r[1], minPeriod, maxPeriod));
        }
        DuplicateFrames.Outcome dups = DuplicateFrames.analyse(
                finder, frozen, params.identicalLevel(), params.stutterRelative(), fps > 0 ? fps / stride : 0);
        return new Freezes(finder, runs, cycles, frozen, dups, hardMin);
    }

    /** Replays and reversals found on the structure channel's recurrence plot. */
    private List<RepeatEvent> structureEvents(
            StructureMatrix sm, double fps, int step, int stride, int n, int minReplay) {
        int unit = stride * step; // original frames per matrix row
        int minLag = Math.max(2, ceilDiv(params.minPeriodFrames(), unit));
        int gap = Math.max(2, fps > 0 ? (int) Math.round(0.15 * fps / unit) : 2);
        List<RepeatEvent> events = new ArrayList<>();
        for (ReplayFinder.Line line : new ReplayFinder(sm, minLag, ceilDiv(minReplay, unit), gap).find()) {
            events.add(toEvent(line, sm, step, stride, n));
        }
        return events;
    }

    private void addFreezeEvents(List<RepeatEvent> events, Freezes freezes, int stride) {
        for (int k = 0; k < freezes.runs().size(); k++) {
            int[] r = freezes.runs().get(k);
            StillCycle.Cycle cycle = freezes.cycles().get(k);
            events.add(new RepeatEvent(
                    RepeatEvent.Kind.FREEZE,
                    r[0] * stride,
                    r[1] * stride,
                    r[0] * stride,
                    cycle == null ? null : cycle.period() * stride,
                    freezeStrength(freezes.finder(), r),
                    "pixels"));
        }
    }

    /** How the repeat search ran (matrix size and step, lags, channels, timings), for the report's JSON. */
    private static Map<String, Object> searchFacts(
            StructureMatrix sm, List<FrameEmbeddings> channels, int step, int stride, Map<String, Long> ms) {
        Map<String, Object> search = new LinkedHashMap<>();
        search.put("matrix_frames", sm.size());
        search.put("matrix_step", step);
        search.put(
                "lags",
                step > 1
                        ? "searched every " + step * stride + " frames, refined on every analysed frame"
                        : "every analysed frame");
        List<String> searched = new ArrayList<>(List.of("structure"));
        for (FrameEmbeddings e : channels) {
            searched.add(e.spec().channel() + (e.every() > 1 ? " (every " + e.every() * stride + " frames)" : ""));
        }
        search.put("channels", searched);
        search.put("timing_ms", ms);
        return search;
    }

    private LoopFindings findings(
            FrameSeries series,
            List<FrameEmbeddings> channels,
            DistanceMatrix m,
            StructureMatrix sm,
            List<RepeatEvent> events,
            Freezes freezes,
            RepeatAnalyzer.Repeats rep,
            int dupLagFrames,
            int step,
            Map<String, Long> ms) {
        int stride = series.stride();
        int frames = Math.max(1, series.size() * stride);
        EventSummary sum = EventSummary.of(events, frames, stride);
        RepeatEvent dominant = sum.dominant();
        RepeatEvent strongestReversal = sum.strongestReversal();
        List<FrameRange> freezeRuns = sum.freezeRuns();
        DuplicateFrames.Outcome dups = freezes.duplicates();
        // without a replay, the period of a still whose residual motion cycles (a model past its horizon)
        StillCycle.Cycle still = dominant == null ? freezes.longestCycle() : null;
        Integer period = dominant != null ? dominant.lag() : still != null ? still.period() * stride : null;
        double strength = dominant != null ? dominant.strength() : still != null ? still.consistency() : 0;
        Map<String, Object> search = searchFacts(sm, channels, step, stride, ms);
        SelfSimilarity ssm = new SelfSimilarity(
                m.size(), m.raw(), stride * step, () -> LagProfile.quantile(m, 0.35), period, events);
        return new LoopFindings(
                List.copyOf(events),
                period != null,
                period,
                strength,
                period == null ? 0 : (double) frames / period,
                strongestReversal != null,
                strongestReversal == null ? 0 : strongestReversal.strength(),
                sum.turns(),
                (double) sum.repeatedFrames() / frames,
                rep.duplicatePairRatio(),
                dupLagFrames,
                series.size() == 0 ? 0 : (double) countTrue(freezes.frozen()) / series.size(),
                freezes.hardMin(),
                freezeRuns.isEmpty() ? null : freezeRuns.get(0).first(),
                freezeRuns,
                dups.consecutiveDuplicateRatio(),
                dups.stutterRatio(),
                dups.cadence(),
                sum.firstRepeat() == null ? null : sum.firstRepeat().start(),
                noveltyRows(rep, series.size(), step),
                rep.noveltyMean(),
                nearDistance(m),
                farDistance(m),
                search,
                ssm);
    }

    static int countTrue(boolean[] flags) {
        int count = 0;
        for (boolean f : flags) {
            count += f ? 1 : 0;
        }
        return count;
    }

    /** The grey-level matrix's novelty on every analysed frame (each matrix row covers {@code step} of them). */
    private static double[] noveltyRows(RepeatAnalyzer.Repeats rep, int frames, int step) {
        double[] rows = new double[frames];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = rep.novelty()[Math.min(rep.novelty().length - 1, i / step)];
        }
        return rows;
    }

    private static RepeatEvent toEvent(ReplayFinder.Line line, StructureMatrix sm, int step, int stride, int n) {
        int start = sm.frame(line.start());
        int end = Math.min(n - 1, sm.frame(line.end()) + step - 1);
        if (line.kind() == RepeatEvent.Kind.PINGPONG) {
            return line.reversal(start, end, step, stride, "structure");
        }
        Placed p = placeOnEveryFrame(sm, line.lagOrSum() * step, step, start, end);
        return line.replay(p.start(), end, p.lag(), step, stride, "structure");
    }

    /** A replay's lag and first frame, in analysed frames. */
    record Placed(int lag, int start) {}

    /**
     * A replay found on every {@code step}-th frame, placed on every frame. Its lag: the one within a coarse step of
     * {@code coarseLag} whose line fits best over {@code start..end}. Its start: the coarse start is the first matrix
     * row on the line, so the first replayed frame lies at most {@code step - 1} frames before it (the row before was
     * not on the line); the start walks back over those frames while each matches its frame one lag earlier within
     * {@link LineCosts#onLineLevel} of the line's mean distance, the level that places a start on the matrix itself.
     */
    static Placed placeOnEveryFrame(StructureMatrix sm, int coarseLag, int step, int start, int end) {
        if (step == 1) {
            return new Placed(coarseLag, start);
        }
        int lag = coarseLag;
        double lineCost = Double.MAX_VALUE;
        for (int l = Math.max(1, coarseLag - step); l <= coarseLag + step; l++) {
            double sum = 0;
            int count = 0;
            for (int j = Math.max(start, l); j <= end; j++) {
                sum += sm.pair(j - l, j);
                count++;
            }
            if (count > 0 && sum / count < lineCost) {
                lineCost = sum / count;
                lag = l;
            }
        }
        if (start - lag < 1) {
            return new Placed(lag, start);
        }
        double level = LineCosts.onLineLevel(lineCost);
        int s = start;
        while (start - (s - 1) < step && s - 1 - lag >= 0 && sm.pair(s - 1 - lag, s - 1) <= level) {
            s--;
        }
        return new Placed(lag, s);
    }

    private double freezeStrength(FreezeFinder f, int[] r) {
        double[] steps = new double[Math.max(1, r[1] - r[0])];
        for (int k = r[0]; k < r[1]; k++) {
            steps[k - r[0]] = f.meanDiff(k, k + 1);
        }
        return Math.max(0, Math.min(1, 1 - LagProfile.percentile(steps, 0.5) / params.softFreezeLevel()));
    }

    private static float[][] greyCells(FrameSeries s) {
        int cells = s.descriptorWidth() * s.descriptorHeight();
        float[][] g = new float[s.size()][];
        for (int i = 0; i < g.length; i++) {
            g[i] = Arrays.copyOf(s.descriptors()[i], cells);
        }
        return g;
    }

    private static double nearDistance(DistanceMatrix m) {
        int n = m.size();
        if (n < 2) {
            return 0;
        }
        double[] d = new double[n - 1];
        for (int i = 1; i < n; i++) {
            d[i - 1] = m.distance(i - 1, i);
        }
        return LagProfile.medianInPlace(d, d.length);
    }

    private static double farDistance(DistanceMatrix m) {
        int n = m.size();
        int lag = Math.max(1, n / 3);
        long count = 0;
        for (int i = 0; i + lag < n; i++) {
            count += n - i - lag;
        }
        if (count == 0) {
            return 0;
        }
        int step = (int) Math.max(1, count / 400_000);
        double[] a = new double[(int) (count / step) + 1];
        int len = 0;
        long k = 0;
        for (int i = 0; i + lag < n; i++) {
            for (int j = i + lag; j < n; j++) {
                if (k++ % step == 0 && len < a.length) {
                    a[len++] = m.distance(i, j);
                }
            }
        }
        return LagProfile.medianInPlace(a, len);
    }

    private static long lap(Map<String, Long> ms, String name, long since) {
        long now = System.nanoTime();
        ms.put(name, (now - since) / 1_000_000);
        return now;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
