package dev.lvsa.vqeval.loop;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Freezes, stutter, duplicate pairs and the first repeated frame, on descriptor sequences. */
class RepeatAnalyzerTest {

  private final RepeatAnalyzer analyzer = new RepeatAnalyzer(LoopParameters.defaults());

  @Property(tries = 20)
  void aFreezeIsFoundWhereItStarts(@ForAll @IntRange(min = 20, max = 90) int onset, @ForAll long seed) {
    float[][] d = Descriptors.sequence(120, i -> Math.min(i, onset), 3.0, 0.3, seed);
    RepeatAnalyzer.Repeats r = analyzer.analyse(Descriptors.matrix(d), 8, 8);
    assertThat(r.freezeRuns()).hasSize(1);
    assertThat(r.freezeRuns().get(0)[0]).isBetween(onset - 1, onset + 1);
    assertThat(r.freezeRuns().get(0)[1]).isEqualTo(119);
    assertThat(r.freezeRatio()).isCloseTo((120.0 - onset) / 120, org.assertj.core.data.Offset.offset(0.02));
    assertThat(r.stutterRatio()).isZero();
  }

  @Property(tries = 10)
  void slowMotionIsNotAFreeze(@ForAll @DoubleRange(min = 0.05, max = 0.3) double cellsPerFrame,
      @ForAll long seed) {
    // each step changes little, but the change adds up along the run
    float[][] d = Descriptors.panning(120, cellsPerFrame, 0.3, seed);
    RepeatAnalyzer.Repeats r = analyzer.analyse(Descriptors.matrix(d), 8, 8);
    assertThat(r.freezeRuns()).isEmpty();
    assertThat(r.stutterRatio()).isZero();
  }

  @Test
  void aRandomWalkDriftingByNoiseIsNoFreezeEither() {
    float[][] d = Descriptors.sequence(120, i -> i, 0.35, 0.2, 5);
    assertThat(analyzer.analyse(Descriptors.matrix(d), 8, 8).freezeRuns()).isEmpty();
  }

  @Test
  void stutterShowsAsDuplicatesButNotAsFreeze() {
    // every third frame repeats its predecessor
    float[][] d = Descriptors.sequence(120, i -> i - i / 3, 3.0, 0.0, 6);
    RepeatAnalyzer.Repeats r = analyzer.analyse(Descriptors.matrix(d), 8, 8);
    assertThat(r.freezeRuns()).isEmpty();
    assertThat(r.stutterRatio()).isBetween(0.3, 0.36);
    assertThat(r.consecutiveDuplicateRatio()).isEqualTo(r.stutterRatio());
  }

  @Test
  void aStaticVideoIsAllDuplicates() {
    float[][] d = Descriptors.sequence(60, i -> 0, 3.0, 0.3, 7);
    RepeatAnalyzer.Repeats r = analyzer.analyse(Descriptors.matrix(d), 8, 8);
    assertThat(r.duplicatePairRatio()).isEqualTo(1.0);
    assertThat(r.freezeRatio()).isEqualTo(1.0);
    assertThat(r.firstRepeat()).isEqualTo(8);
  }

  @Test
  void aLoopRepeatsFromItsPeriod() {
    float[][] d = Descriptors.sequence(90, i -> i % 24, 3.0, 0.2, 8);
    RepeatAnalyzer.Repeats r = analyzer.analyse(Descriptors.matrix(d), 8, 8);
    assertThat(r.firstRepeat()).isEqualTo(24);
    assertThat(r.duplicatePairRatio()).isBetween(0.02, 0.1);
    assertThat(r.novelty()[60]).isLessThan(1.0);
    assertThat(r.novelty()[10]).isGreaterThan(5.0);
  }
}
