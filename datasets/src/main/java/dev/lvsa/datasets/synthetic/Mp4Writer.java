package dev.lvsa.datasets.synthetic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes BGR frames to mp4 with JavaCV's FFmpeg. Codecs: {@code h264} (the bundled libopenh264; the
 * JavaCV FFmpeg build has no libx264) or {@code mpeg4} (FFmpeg's native MPEG-4 Part 2).
 */
public final class Mp4Writer {

    /** Video codecs the bundled FFmpeg can write. */
    public enum Codec {
        H264("libopenh264"),
        MPEG4("mpeg4");

        final String encoder;

        Codec(String encoder) {
            this.encoder = encoder;
        }
    }

    private Mp4Writer() {}

    /**
     * @param bitsPerPixel target bitrate as bits per pixel per frame (0.15 is clean, 0.03 visibly lossy)
     */
    public static void write(
            Path file, List<byte[]> bgrFrames, int width, int height, int fps, Codec codec, double bitsPerPixel)
            throws IOException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
            rec.setFormat("mp4");
            rec.setVideoCodecName(codec.encoder);
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setFrameRate(fps);
            rec.setGopSize(fps * 2);
            rec.setVideoBitrate((int) Math.max(20_000, bitsPerPixel * width * height * fps));
            if (codec == Codec.H264) {
                rec.setVideoOption("allow_skip_frames", "0");
            }
            rec.start();
            try (Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3)) {
                ByteBuffer buf = (ByteBuffer) frame.image[0];
                int stride = frame.imageStride;
                for (byte[] bgr : bgrFrames) {
                    for (int y = 0; y < height; y++) {
                        buf.position(y * stride);
                        buf.put(bgr, y * width * 3, width * 3);
                    }
                    buf.position(0);
                    rec.record(frame, avutil.AV_PIX_FMT_BGR24);
                }
            }
            rec.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("cannot encode " + file + ": " + e.getMessage(), e);
        }
    }

    /** Decodes every frame of a video to BGR bytes (for re-encoding). */
    public static List<byte[]> decode(Path file, int width, int height) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                ByteBuffer buf = (ByteBuffer) f.image[0];
                byte[] bgr = new byte[width * height * 3];
                for (int y = 0; y < height; y++) {
                    buf.position(y * f.imageStride);
                    buf.get(bgr, y * width * 3, width * 3);
                }
                out.add(bgr);
            }
            g.stop();
        } catch (FrameGrabber.Exception e) {
            throw new IOException("cannot decode " + file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
