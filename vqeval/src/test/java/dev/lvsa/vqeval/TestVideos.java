package dev.lvsa.vqeval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Tiny procedural test videos: a textured background that pans and three discs moving at different
 * speeds, shown at a scene time chosen per frame (so a clip can run on, loop, or freeze). Written as
 * MPEG-4 Part 2 at high quality with JavaCV's FFmpeg.
 */
public final class TestVideos {

    private TestVideos() {}

    /** Scene time = frame index: clean motion that never repeats. */
    public static IntToDoubleFunction clean() {
        return i -> i;
    }

    /** Scene time = frame index modulo {@code period}: an exact loop. */
    public static IntToDoubleFunction loop(int period) {
        return i -> i % period;
    }

    /** Scene time stops at {@code onset}: the picture freezes from that frame on. */
    public static IntToDoubleFunction freeze(int onset) {
        return i -> Math.min(i, onset);
    }

    /** Writes {@code frames} frames of {@code width x height} at {@code fps} (MPEG-4, moov atom last). */
    public static Path write(Path file, int width, int height, int frames, int fps, IntToDoubleFunction time)
            throws IOException {
        return write(file, width, height, frames, fps, time, "mpeg4", false);
    }

    /**
     * Writes a clip with a chosen codec ({@code mpeg4}, {@code ffv1}...); {@code faststart} puts the mp4
     * index first, so that a truncated copy still opens.
     */
    public static Path write(
            Path file,
            int width,
            int height,
            int frames,
            int fps,
            IntToDoubleFunction time,
            String codec,
            boolean faststart)
            throws IOException {
        return writeFrames(
                file, width, height, frames, fps, codec, faststart, i -> render(width, height, time.applyAsDouble(i)));
    }

    /**
     * Writes {@code frames} frames that {@code bgr} draws (frame index -> {@code width x height} BGR bytes), for
     * tests with a scene of their own.
     */
    public static Path writeFrames(
            Path file,
            int width,
            int height,
            int frames,
            int fps,
            String codec,
            boolean faststart,
            IntFunction<byte[]> bgr)
            throws IOException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
                Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3)) {
            String name = file.getFileName().toString();
            rec.setFormat(name.endsWith(".mkv") ? "matroska" : name.endsWith(".avi") ? "avi" : "mp4");
            rec.setVideoCodecName(codec);
            rec.setPixelFormat(codec.equals("ffv1") ? avutil.AV_PIX_FMT_YUV444P : avutil.AV_PIX_FMT_YUV420P);
            if (faststart) {
                rec.setOption("movflags", "+faststart");
            }
            rec.setFrameRate(fps);
            rec.setVideoQuality(2);
            rec.start();
            ByteBuffer buf = (ByteBuffer) frame.image[0];
            for (int i = 0; i < frames; i++) {
                byte[] pixels = bgr.apply(i);
                for (int y = 0; y < height; y++) {
                    buf.position(y * frame.imageStride);
                    buf.put(pixels, y * width * 3, width * 3);
                }
                buf.position(0);
                rec.record(frame, avutil.AV_PIX_FMT_BGR24);
            }
            rec.stop();
        }
        return file;
    }

    /** The scene at time t, BGR. */
    static byte[] render(int width, int height, double t) {
        byte[] out = new byte[width * height * 3];
        double camX = 1.3 * t;
        double[][] discs = {
            {0.2 * width + 1.1 * t, 0.3 * height + 0.4 * t, width / 8.0},
            {0.7 * width - 0.8 * t, 0.6 * height + 0.25 * t, width / 10.0},
            {0.5 * width + 0.5 * t, 0.8 * height - 0.6 * t, width / 12.0}
        };
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = x + camX;
                double g = 110
                        + 40 * Math.sin(u * 0.11) * Math.cos(y * 0.13)
                        + 30 * Math.sin(u * 0.031 + y * 0.047)
                        + 20 * Math.sin(u * 0.23 + 1.7) * Math.sin(y * 0.19 + 0.3);
                double r = g + 30 * Math.sin(u * 0.05);
                double b = g - 30 * Math.sin(y * 0.07 + u * 0.013);
                for (int k = 0; k < discs.length; k++) {
                    double dx = x - wrap(discs[k][0], width);
                    double dy = y - wrap(discs[k][1], height);
                    if (dx * dx + dy * dy < discs[k][2] * discs[k][2]) {
                        double stripe = Math.sin((dx + dy) * 0.6) > 0 ? 1 : 0;
                        r = 40 + 180 * stripe * (k == 0 ? 1 : 0.3);
                        g = 60 + 150 * stripe * (k == 1 ? 1 : 0.4);
                        b = 50 + 170 * (1 - stripe) * (k == 2 ? 1 : 0.5);
                    }
                }
                int j = 3 * (y * width + x);
                out[j] = clamp(b);
                out[j + 1] = clamp(g);
                out[j + 2] = clamp(r);
            }
        }
        return out;
    }

    private static double wrap(double v, int size) {
        return ((v % size) + size) % size;
    }

    private static byte clamp(double v) {
        int i = (int) Math.round(v);
        return (byte) (i < 0 ? 0 : i > 255 ? 255 : i);
    }
}
