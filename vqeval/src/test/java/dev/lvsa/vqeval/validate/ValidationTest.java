package dev.lvsa.vqeval.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The labels file, the period tolerance and the AUROC, as a spec table a user can check by hand. */
class ValidationTest {

    @TempDir
    Path dir;

    private Path labels(String csv) throws IOException {
        return Files.writeString(dir.resolve("labels.csv"), csv);
    }

    @Test
    void theRealSetsFormatReadsWithItsExtraColumnsIgnored() throws IOException {
        List<Label> l = Label.read(labels("""
        file,frames,label,period_frames,onset_frame,notes
        a.mp4,261,loop,200,189,"first_repeat=189, a cut"
        b.mp4,261,freeze,,120,
        c.mp4,297,clean,,,
        d.mp4,120,stutter,,,
        """));
        assertThat(l)
                .extracting(Label::kind)
                .containsExactly(Label.Kind.LOOP, Label.Kind.FREEZE, Label.Kind.CLEAN, Label.Kind.OTHER);
        assertThat(l.get(0).periodFrames()).isEqualTo(200);
        assertThat(l.get(0).onsetFrame()).isEqualTo(189);
        assertThat(l.get(1).periodFrames()).isNull();
        assertThat(l.get(3).word()).isEqualTo("stutter");
    }

    @Test
    void badLabelFilesSayWhatIsWrong() throws IOException {
        assertThatThrownBy(() -> Label.read(labels("video,class\na.mp4,loop\n")))
                .hasMessageContaining("needs the columns 'file' and 'label'");
        assertThatThrownBy(() -> Label.read(labels("file,label,period_frames\na.mp4,loop,long\n")))
                .hasMessageContaining("row 2")
                .hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> Label.read(labels("file,label\n"))).hasMessageContaining("no labelled videos");
    }

    @Test
    void periodToleranceIsFramesOrAShare() {
        assertThat(Tolerance.parse("10%").accepts(221, 200)).isFalse();
        assertThat(Tolerance.parse("10%").accepts(220, 200)).isTrue();
        assertThat(Tolerance.parse("2").accepts(22, 20)).isTrue();
        assertThat(Tolerance.parse("2").accepts(23, 20)).isFalse();
        assertThatThrownBy(() -> Tolerance.parse("ten")).hasMessageContaining("neither frames");
    }

    @Test
    void aurocCountsTiesAsHalf() {
        assertThat(Validation.auroc(List.of(100.0, 90.0), List.of(0.0))).isEqualTo(1.0);
        assertThat(Validation.auroc(List.of(0.0), List.of(0.0))).isEqualTo(0.5);
        assertThat(Validation.auroc(List.of(10.0), List.of(20.0, 5.0))).isEqualTo(0.5);
        assertThat(Validation.auroc(List.of(), List.of(1.0))).isNaN();
    }

    @Test
    void theTableKeepsItsColumnsWhateverTheNamesLength() throws IOException {
        List<Label> l = Label.read(labels("""
        file,label,onset_frame
        a.mp4,clean,
        hyv23x_riflex_porcupine_pingpong_remade.mp4,loop,155
        """));
        List<Validation.Row> rows = List.of(
                new Validation.Row(l.get(0), 100.0, null, null, null, null, List.of()),
                new Validation.Row(l.get(1), 0.0, null, 155, null, null, List.of()));
        String[] lines = new Validation.Figures(1.0, 1, 1, List.of(), rows, Validation.Rules.defaults())
                .table()
                .split("\n");
        assertThat(lines).hasSize(3);
        int labelColumn = lines[0].indexOf("label");
        assertThat(lines[1].indexOf("clean")).isEqualTo(labelColumn);
        assertThat(lines[2].indexOf("loop")).isEqualTo(labelColumn);
        assertThat(lines[2]).contains(" 155/155 ").endsWith("ok");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonSummaryKeepsItsKeyOrderFromRunToRun() {
        Validation.Figures f = new Validation.Figures(
                1.0,
                1,
                1,
                List.of(new Validation.Check("loops flagged", 2, 2)),
                List.of(),
                Validation.Rules.defaults());
        java.util.Map<String, Object> m = f.toMap();
        assertThat(m.keySet()).startsWith("auroc", "positives", "negatives", "checks", "goals_met", "rules");
        assertThat(((List<java.util.Map<String, Object>>) m.get("checks"))
                        .get(0)
                        .keySet())
                .containsExactly("check", "judged", "agreed");
        assertThat(((java.util.Map<String, Object>) m.get("rules")).keySet())
                .containsExactly(
                        "flag_below",
                        "period_tolerance",
                        "loop_onset_frames",
                        "freeze_onset_frames",
                        "min_auroc",
                        "min_hit_rate");
    }
}
