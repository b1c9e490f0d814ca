package dev.lvsa.vqeval.loop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Motion played forwards then backwards shows turn points; ordinary motion and freezes do not. */
class PingPongDetectorTest {

  private final PingPongDetector detector = new PingPongDetector(LoopParameters.defaults());

  @Test
  void pingPongTurnsAreFound() {
    int half = 18;
    float[][] d = Descriptors.sequence(110, i -> {
      int m = i % (2 * half);
      return m <= half ? m : 2 * half - m;
    }, 2.5, 0.2, 11);
    PingPongDetector.PingPong p = detector.detect(Descriptors.matrix(d), 0.3);
    assertThat(p.strength()).isGreaterThan(0.8);
    assertThat(p.turns()).contains(18, 36, 54, 72);
  }

  @Test
  void forwardMotionHasNoTurns() {
    PingPongDetector.PingPong p = detector.detect(Descriptors.matrix(Descriptors.sequence(110, i -> i, 2.5, 0.2, 12)),
        0.3);
    assertThat(p.strength()).isLessThan(0.3);
    assertThat(p.turns()).isEmpty();
  }

  @Test
  void aFrozenStretchIsNoMirror() {
    PingPongDetector.PingPong p = detector.detect(
        Descriptors.matrix(Descriptors.sequence(110, i -> Math.min(i, 40), 2.5, 0.2, 13)), 0.3);
    assertThat(p.turns()).isEmpty();
  }
}
