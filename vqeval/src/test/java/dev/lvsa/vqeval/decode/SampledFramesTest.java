package dev.lvsa.vqeval.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.vqeval.TestVideos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few frames are decoded at full size as well, for the spatial statistics. At the analysis size they must be the
 * very pixels they would be if they were not sampled: until 2026-12-06 they were scaled down by another path and
 * stood about half a grey level apart from their neighbours, which in a still recurred at the sampling interval like
 * a cycle. The clip is decoded twice with different sampling (every 8th and every 5th frame), and every analysed frame
 * must come out byte for byte the same both times.
 */
class SampledFramesTest {

    @Test
    void aSampledFrameIsTheSamePixelsAtTheAnalysisSize(@TempDir Path dir) throws Exception {
        // a grainy still at 4:2:0, like a frozen generation: every frame the same picture with fresh noise
        Random rnd = new Random(7);
        byte[] base = new byte[320 * 180 * 3];
        rnd.nextBytes(base);
        Path clip = TestVideos.writeFrames(dir.resolve("still.mp4"), 320, 180, 40, 24, "mpeg4", false, i -> {
            byte[] f = base.clone();
            for (int k = 0; k < f.length; k++) {
                f[k] = (byte) Math.max(0, Math.min(255, (f[k] & 0xff) + (int) Math.round(2 * rnd.nextGaussian())));
            }
            return f;
        });
        Captured every8 = decode(clip, 5); // 5 samples in 40 frames: every 8th
        Captured every5 = decode(clip, 8);
        assertThat(every8.sampled).isNotEqualTo(every5.sampled).isNotEmpty();
        assertThat(every5.sampled).isNotEmpty();
        assertThat(every8.frames).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(every8.frames.get(i)).as("frame %d", i).isEqualTo(every5.frames.get(i));
        }
    }

    private record Captured(List<byte[]> frames, List<Integer> sampled) {}

    private static Captured decode(Path clip, int samples) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        List<Integer> sampled = new ArrayList<>();
        VideoDecoder.decode(clip, "still.mp4", new DecodeOptions(160, 1, samples, 2), new FrameSink() {
            @Override
            public void begin(StreamFacts facts, int analysisWidth, int analysisHeight) {}

            @Override
            public void accept(DecodedFrame frame) {
                try (frame) {
                    if (frame.full() != null) {
                        sampled.add(frame.index());
                    }
                    frames.add(bytes(frame.small()));
                }
            }
        });
        return new Captured(frames, sampled);
    }

    private static byte[] bytes(Mat m) {
        byte[] b = new byte[(int) (m.total() * m.channels())];
        m.data().get(b);
        return b;
    }
}
