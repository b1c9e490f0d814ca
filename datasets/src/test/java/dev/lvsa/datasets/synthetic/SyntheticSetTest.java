package dev.lvsa.datasets.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lvsa.vqeval.io.Csv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator is deterministic, writes what its labels say, and refuses bad sizes. */
class SyntheticSetTest {

    private final SyntheticSet set = new SyntheticSet(128, 72, Mp4Writer.Codec.H264);

    @Test
    void sameSeedSameBytesWhateverTheThreads(@TempDir Path dir) throws Exception {
        List<ClipKind> kinds = List.of(ClipKind.LOOP_EXACT, ClipKind.FREEZE, ClipKind.PINGPONG);
        List<ClipLabel> a = set.generate(dir.resolve("a"), 3, 42, kinds, 1, null);
        List<ClipLabel> b = set.generate(dir.resolve("b"), 3, 42, kinds, 2, null);
        assertThat(b).isEqualTo(a);
        for (ClipLabel l : a) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(l.file())))
                    .as(l.file())
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(l.file())));
        }
        List<ClipLabel> c = set.generate(dir.resolve("c"), 3, 43, kinds, 1, null);
        assertThat(c.get(0).seed()).isNotEqualTo(a.get(0).seed());
    }

    @Test
    void labelsDescribeEachKind(@TempDir Path dir) throws Exception {
        List<ClipLabel> labels =
                set.generate(dir, ClipKind.values().length, 5, Arrays.asList(ClipKind.values()), 2, null);
        for (ClipLabel l : labels) {
            assertThat(dir.resolve(l.file())).exists();
            assertThat(l.frames()).isBetween(84, 220);
            switch (l.kind().category()) {
                case LOOP -> {
                    assertThat(l.looped()).isTrue();
                    assertThat(l.periodFrames()).isNotNull();
                    if (l.kind() == ClipKind.LOOP_SINGLE || l.kind() == ClipKind.LOOP_OVERLAY) {
                        // one late replay of the opening, lasting at least a second
                        assertThat(l.firstRepeatFrame()).isEqualTo(l.periodFrames());
                        assertThat(l.frames() - l.firstRepeatFrame()).isGreaterThanOrEqualTo(l.fps());
                    } else {
                        assertThat(l.frames()).isGreaterThanOrEqualTo(2 * l.periodFrames());
                    }
                }
                case FREEZE -> assertThat(l.freezeOnsetFrame()).isBetween(l.frames() / 4, 3 * l.frames() / 4);
                case STUTTER -> assertThat(l.duplicatedFrames()).isPositive();
                case CLEAN -> assertThat(l.looped()).isFalse();
            }
        }
        assertThat(labels.stream()
                        .filter(l -> l.kind() == ClipKind.CUTS)
                        .findFirst()
                        .orElseThrow()
                        .cutFrames())
                .isNotEmpty();
        assertThat(labels.stream()
                        .filter(l -> l.kind() == ClipKind.LOOP_NOISE)
                        .findFirst()
                        .orElseThrow()
                        .reencoded())
                .isTrue();
        Csv.Table t = Csv.read(dir.resolve("labels.csv"));
        assertThat(t.header()).isEqualTo(SyntheticSet.LABEL_COLUMNS);
        assertThat(t.rows()).hasSize(labels.size());
        // the columns vqeval validate reads: label and onset_frame
        int label = t.header().indexOf("label");
        int onset = t.header().indexOf("onset_frame");
        for (int i = 0; i < labels.size(); i++) {
            ClipLabel l = labels.get(i);
            assertThat(t.rows().get(i).get(label)).isEqualTo(SyntheticSet.validationLabel(l));
            Integer expected = l.category() == ClipKind.Category.FREEZE ? l.freezeOnsetFrame() : l.firstRepeatFrame();
            assertThat(t.rows().get(i).get(onset)).isEqualTo(expected == null ? "" : expected.toString());
        }
    }

    @Test
    void badSizesAreRefused() {
        assertThatThrownBy(() -> new SyntheticSet(63, 48, Mp4Writer.Codec.H264)).hasMessageContaining("64x48");
        assertThatThrownBy(() -> new SyntheticSet(101, 64, Mp4Writer.Codec.H264))
                .hasMessageContaining("even");
    }
}
