package dev.lvsa.datasets.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labels say what the pixels do: the written clips are decoded and compared frame by frame, so a label
 * that drifted from the renderer (a period off by one, a freeze that starts elsewhere) fails here, not as a
 * mysterious VQeval miss.
 */
class LabelsMatchPixelsTest {

    @TempDir
    static Path dir;

    static List<ClipLabel> labels;

    @BeforeAll
    static void generate() throws Exception {
        SyntheticSet set = new SyntheticSet(128, 72, Mp4Writer.Codec.H264);
        labels = set.generate(
                dir,
                5,
                11,
                List.of(ClipKind.LOOP_EXACT, ClipKind.LOOP_SINGLE, ClipKind.FREEZE, ClipKind.STUTTER, ClipKind.OBJECTS),
                2,
                null);
    }

    static ClipLabel label(ClipKind kind) {
        return labels.stream().filter(l -> l.kind() == kind).findFirst().orElseThrow();
    }

    /** Every frame as 32x18 grey cells. */
    static List<float[]> frames(ClipLabel l) throws Exception {
        return frames(l, 32, 18);
    }

    /** Every frame, grey, at {@code w x h}. */
    static List<float[]> frames(ClipLabel l, int w, int h) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        List<float[]> out = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(dir.resolve(l.file()).toFile())) {
            g.setImageWidth(w);
            g.setImageHeight(h);
            g.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                ByteBuffer b = (ByteBuffer) f.image[0];
                float[] cells = new float[w * h];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        cells[y * w + x] = b.get(y * f.imageStride + x) & 0xff;
                    }
                }
                out.add(cells);
            }
        }
        return out;
    }

    static double diff(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / a.length;
    }

    @Test
    void a_labelled_loop_repeats_at_its_period_and_not_half_way() throws Exception {
        ClipLabel l = label(ClipKind.LOOP_EXACT);
        List<float[]> f = frames(l);
        assertThat(f).hasSize(l.frames());
        int p = l.periodFrames();
        for (int i = 0; i + p < f.size(); i += 5) {
            assertThat(diff(f.get(i), f.get(i + p)))
                    .as("frame %d vs %d", i, i + p)
                    .isLessThan(2.0);
        }
        assertThat(diff(f.get(0), f.get(p / 2))).as("half a period apart").isGreaterThan(4.0);
    }

    @Test
    void a_single_late_replay_starts_where_its_label_says() throws Exception {
        ClipLabel l = label(ClipKind.LOOP_SINGLE);
        List<float[]> f = frames(l);
        int start = l.firstRepeatFrame();
        int lag = l.periodFrames();
        for (int i = start; i < f.size(); i += 4) {
            assertThat(diff(f.get(i), f.get(i - lag)))
                    .as("replayed frame %d vs %d", i, i - lag)
                    .isLessThan(2.0);
        }
        // before the replay the clip shows new pictures: frame start-4 matches nothing well before it
        double nearest = Double.MAX_VALUE;
        for (int j = 0; j < start - 12; j++) {
            nearest = Math.min(nearest, diff(f.get(start - 4), f.get(j)));
        }
        assertThat(nearest).as("frame %d is new", start - 4).isGreaterThan(2.0);
    }

    @Test
    void a_labelled_freeze_holds_from_its_onset_and_moves_before_it() throws Exception {
        ClipLabel l = label(ClipKind.FREEZE);
        List<float[]> f = frames(l);
        int onset = l.freezeOnsetFrame();
        for (int i = onset + 1; i < f.size(); i += 3) {
            assertThat(diff(f.get(onset), f.get(i)))
                    .as("frame %d of the freeze", i)
                    .isLessThan(1.5);
        }
        assertThat(diff(f.get(onset - 8), f.get(onset)))
                .as("motion before the onset")
                .isGreaterThan(1.0);
    }

    @Test
    void a_stutter_clip_repeats_as_many_frames_as_labelled_and_clean_motion_none() throws Exception {
        ClipLabel s = label(ClipKind.STUTTER);
        List<float[]> f = frames(s, s.width(), s.height()); // full size: the scene moves slowly
        double[] d = new double[f.size() - 1];
        for (int i = 1; i < f.size(); i++) {
            d[i - 1] = diff(f.get(i - 1), f.get(i));
        }
        java.util.Arrays.sort(d);
        int dups = s.duplicatedFrames();
        // the labelled repeats are the pairs that do not move; a repeat that lands on a key frame is encoded anew
        // and picks up codec noise (about as much as the slowest motion), so up to a fifth may blur into moves
        long clear = java.util.Arrays.stream(d).filter(x -> x < 0.2).count();
        assertThat(dups).isPositive();
        assertThat(clear)
                .as(
                        "pairs that do not move, of %d labelled; sorted %s",
                        dups, java.util.Arrays.toString(java.util.Arrays.copyOf(d, Math.min(d.length, dups + 5))))
                .isBetween((long) (dups - dups / 5), (long) dups);
        ClipLabel objects = label(ClipKind.OBJECTS);
        List<float[]> clean = frames(objects, objects.width(), objects.height());
        for (int i = 1; i < clean.size(); i++) {
            assertThat(diff(clean.get(i - 1), clean.get(i)))
                    .as("clean frame %d moves", i)
                    .isGreaterThan(0.2);
        }
    }
}
