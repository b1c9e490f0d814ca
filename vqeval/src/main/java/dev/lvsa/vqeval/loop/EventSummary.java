package dev.lvsa.vqeval.loop;

import dev.lvsa.vqeval.api.FrameRange;
import dev.lvsa.vqeval.api.RepeatEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the events say about the whole video: the longest replay, the strongest reversal, the first replay or
 * reversal, the reversals' turns, the freeze runs, and how many original frames replays and reversals cover.
 */
record EventSummary(
        RepeatEvent dominant,
        RepeatEvent strongestReversal,
        RepeatEvent firstRepeat,
        List<Integer> turns,
        List<FrameRange> freezeRuns,
        int repeatedFrames) {

    /** Sums up the {@code events} (original frames) of a video {@code frames} long, analysed every {@code stride}. */
    static EventSummary of(List<RepeatEvent> events, int frames, int stride) {
        RepeatEvent dominant = null;
        RepeatEvent strongestReversal = null;
        RepeatEvent firstRepeat = null;
        List<Integer> turns = new ArrayList<>();
        List<FrameRange> freezeRuns = new ArrayList<>();
        boolean[] repeated = new boolean[frames];
        for (RepeatEvent e : events) {
            switch (e.kind()) {
                case REPLAY -> {
                    if (dominant == null || e.length() > dominant.length()) {
                        dominant = e;
                    }
                }
                case PINGPONG -> {
                    turns.add(e.sourceStart());
                    if (strongestReversal == null || e.strength() > strongestReversal.strength()) {
                        strongestReversal = e;
                    }
                }
                case FREEZE -> freezeRuns.add(new FrameRange(e.start(), e.end()));
            }
            if (e.kind() != RepeatEvent.Kind.FREEZE) {
                Arrays.fill(repeated, e.start(), Math.min(frames, e.end() + stride), true);
                if (firstRepeat == null) {
                    firstRepeat = e;
                }
            }
        }
        return new EventSummary(
                dominant, strongestReversal, firstRepeat, turns, freezeRuns, LoopAnalyzer.countTrue(repeated));
    }
}
