package dev.lvsa.vqeval.api;

import java.util.Locale;

/**
 * One event of the repeat model, in original frames (inclusive).
 *
 * @param kind what happens in {@code start..end}
 * @param start first frame of the event
 * @param end last frame of the event
 * @param sourceStart replay: the earlier frame that {@code start} shows again; ping-pong: the frame the
 *     motion turns back at; freeze: {@code start}; null where it does not apply
 * @param lag replay: frames between a replayed frame and its source, as most of its frames return (the
 *     period of a loop; where a replay plays slower or faster than its source, its first frame's lag is
 *     {@code start - sourceStart}); ping-pong: twice the distance from the turn to {@code start}; freeze: the
 *     period of the residual motion (shimmer, breathing) that cycles within the still, where it does; null
 *     otherwise
 * @param strength 0..1: how clearly the event stands out (replay and ping-pong: median contrast of the
 *     returns; freeze: 1 minus the frames' spread over the still's own threshold)
 * @param found the search that found it ({@code structure} or {@code pixels}), for users who compare
 *     channels
 */
public record RepeatEvent(
        Kind kind, int start, int end, Integer sourceStart, Integer lag, double strength, String found) {

    /** Event kinds. */
    public enum Kind {
        /** An earlier span plays again forwards (a loop, or a single late replay of the opening). */
        REPLAY,
        /** Motion plays backwards through frames already shown (a palindromic reversal). */
        PINGPONG,
        /** The picture holds still: near-identical frames, or a near-static shot that no longer evolves. */
        FREEZE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public int length() {
        return end - start + 1;
    }
}
