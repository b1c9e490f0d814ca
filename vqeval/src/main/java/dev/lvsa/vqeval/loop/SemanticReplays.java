package dev.lvsa.vqeval.loop;

import dev.lvsa.vqeval.api.FrameEmbeddings;
import dev.lvsa.vqeval.api.RepeatEvent;
import java.util.List;

/**
 * The learned feature channels' part of the repeat model: each channel's recurrence plot ({@link SemanticMatrix})
 * is searched for replays and reversals like the structure one, and what it finds joins the events already found;
 * an event both find is one event whose {@code found} names both.
 */
final class SemanticReplays {

    private final LoopParameters params;

    SemanticReplays(LoopParameters params) {
        this.params = params;
    }

    /** Searches each learned channel and merges what it finds into {@code events}. */
    void addTo(List<RepeatEvent> events, List<FrameEmbeddings> channels, double fps, int stride, int n, int minReplay) {
        for (FrameEmbeddings e : channels) {
            if (e.size() < 3) {
                continue;
            }
            int eStep = Math.max(1, LoopAnalyzer.ceilDiv(e.size(), params.maxMatrixFrames()));
            SemanticMatrix sem = SemanticMatrix.of(e, eStep);
            int rowFrames = e.every() * eStep; // analysed frames per matrix row
            int unit = stride * rowFrames; // original frames per matrix row
            int minLag = Math.max(2, LoopAnalyzer.ceilDiv(params.minPeriodFrames(), unit));
            int gap = Math.max(2, fps > 0 ? (int) Math.round(0.15 * fps / unit) : 2);
            List<ReplayFinder.Line> lines = new ReplayFinder(
                            sem, SemanticMatrix.HILL_MIN, minLag, LoopAnalyzer.ceilDiv(minReplay, unit), gap)
                    .find();
            for (ReplayFinder.Line line : lines) {
                int start = sem.frame(line.start());
                int end = Math.min(n - 1, sem.frame(line.end()) + rowFrames - 1);
                String channel = e.spec().channel();
                RepeatEvent found = line.kind() == RepeatEvent.Kind.PINGPONG
                        ? line.reversal(start, end, rowFrames, stride, channel)
                        : line.replay(start, end, line.lagOrSum() * rowFrames, rowFrames, stride, channel);
                merge(events, found, unit);
            }
        }
    }

    /**
     * Adds a learned channel's event, or names the channel on an event already found: same kind, overlapping
     * by at least half the shorter one, and (replays) lags within 10% or one matrix row of each other.
     */
    static void merge(List<RepeatEvent> events, RepeatEvent add, int unit) {
        for (int i = 0; i < events.size(); i++) {
            RepeatEvent e = events.get(i);
            if (e.kind() != add.kind()) {
                continue;
            }
            int overlap = Math.min(e.end(), add.end()) - Math.max(e.start(), add.start()) + 1;
            boolean lagsAgree = e.kind() != RepeatEvent.Kind.REPLAY
                    || Math.abs(e.lag() - add.lag()) <= Math.max(unit, 0.1 * e.lag());
            if (overlap >= 0.5 * Math.min(e.length(), add.length()) && lagsAgree) {
                if (!e.found().contains(add.found())) {
                    events.set(
                            i,
                            new RepeatEvent(
                                    e.kind(),
                                    e.start(),
                                    e.end(),
                                    e.sourceStart(),
                                    e.lag(),
                                    e.strength(),
                                    e.found() + "+" + add.found()));
                }
                return;
            }
        }
        events.add(add);
    }
}
