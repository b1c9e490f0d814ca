package dev.lvsa.vqeval.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.vqeval.api.RepeatEvent;
import dev.lvsa.vqeval.api.RepeatEvent.Kind;
import org.junit.jupiter.api.Test;

/** The one-line summary names the first replay the way a reader would: a loop, a single replay, a reversal. */
class EventWordsTest {

    @Test
    void aReplayThatCoversItsOwnSourceAgainIsALoop() {
        RepeatEvent loop = new RepeatEvent(Kind.REPLAY, 18, 107, 0, 20, 1.0, "structure");
        assertThat(EvaluateCommand.describe(loop)).isEqualTo("loops every 20 frames from frame 18");
    }

    @Test
    void aSingleLateReplayNamesTheSpanItShowsAgain() {
        // a 2x generation replaying its opening, a little slower than it first played (frame 190 shows frame 1)
        RepeatEvent replay = new RepeatEvent(Kind.REPLAY, 190, 260, 1, 200, 0.99, "structure");
        assertThat(EvaluateCommand.describe(replay)).isEqualTo("replays frames 1-60 from frame 190");
    }

    @Test
    void aReversalSaysWhereItTurns() {
        RepeatEvent back = new RepeatEvent(Kind.PINGPONG, 60, 90, 45, 30, 0.9, "structure");
        assertThat(EvaluateCommand.describe(back)).isEqualTo("plays backwards from frame 60 (turning at frame 45)");
    }
}
