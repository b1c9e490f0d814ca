package dev.lvsa.vqeval.decode;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Converts the decoder's pictures (its own planes, e.g. YUV 4:2:0) to BGR with FFmpeg's scaler: every analysed
 * frame at the size the analysis reads it at, and the few frames sampled for spatial statistics at full size as
 * well. Both come from the same decoded planes, so a sampled frame is, at the analysis size, the very pixels it
 * would be unsampled. (Asking the grabber for the sampled frames at full size and scaling them down with OpenCV
 * moved each about half a grey level from its neighbours, 0.55 against 0.08 between the other frames of a still;
 * in a still that recurred at the sampling interval like a cycle.)
 */
final class PictureScaler implements AutoCloseable {

    /** Output rows are padded to a multiple of this many pixels (see {@link #convert}). */
    static final int ROW_PIXELS = 64;

    private final int flags;
    private SwsContext analysis;
    private SwsContext full;
    private Mat padded;

    /** {@code flags}: FFmpeg's scaling algorithm, e.g. {@code SWS_AREA}. */
    PictureScaler(int flags) {
        this.flags = flags;
    }

    /** {@code picture} at {@code width x height}, BGR, into {@code out} (allocated or reused). */
    void scale(AVFrame picture, int width, int height, Mat out) {
        analysis = context(analysis, picture, width, height);
        convert(analysis, picture, width, height, out);
    }

    /** {@code picture} at its own size, BGR. */
    Mat full(AVFrame picture) {
        full = context(full, picture, picture.width(), picture.height());
        Mat out = new Mat();
        convert(full, picture, picture.width(), picture.height(), out);
        return out;
    }

    /** Whether FFmpeg's scaler reads pictures of pixel format {@code format}. */
    static boolean converts(int format) {
        return swscale.sws_isSupportedInput(format) != 0;
    }

    private SwsContext context(SwsContext cached, AVFrame picture, int width, int height) {
        SwsContext c = swscale.sws_getCachedContext(
                cached,
                picture.width(),
                picture.height(),
                picture.format(),
                width,
                height,
                avutil.AV_PIX_FMT_BGR24,
                flags,
                null,
                null,
                (DoublePointer) null);
        if (c == null) {
            throw new IllegalStateException("FFmpeg's scaler cannot convert pixel format " + picture.format() + " at "
                    + picture.width() + "x" + picture.height() + " to BGR at " + width + "x" + height);
        }
        return c;
    }

    /**
     * Converts into {@code out} through rows padded to a whole number of {@link #ROW_PIXELS} pixels: FFmpeg's colour
     * converters write whole blocks of pixels, so into rows of any other length they write past each row's end (a
     * 100-pixel-wide frame converted at its own size came out garbled and varied from run to run).
     */
    private void convert(SwsContext c, AVFrame picture, int width, int height, Mat out) {
        int rowPixels = (width + ROW_PIXELS - 1) / ROW_PIXELS * ROW_PIXELS;
        Mat target = out;
        if (rowPixels != width) {
            padded = padded != null ? padded : new Mat();
            target = padded;
        }
        target.create(height, rowPixels, CV_8UC3);
        try (PointerPointer<BytePointer> dst = new PointerPointer<>(target.data(), null, null, null);
                IntPointer steps = new IntPointer((int) target.step1(0), 0, 0, 0);
                PointerPointer<?> src = new PointerPointer<>(picture)) { // AVFrame begins with its data[8]
            swscale.sws_scale(c, src, picture.linesize(), 0, picture.height(), dst, steps);
        }
        if (target != out) {
            try (Rect picturePart = new Rect(0, 0, width, height);
                    Mat view = padded.apply(picturePart)) {
                view.copyTo(out);
            }
        }
    }

    @Override
    public void close() {
        swscale.sws_freeContext(analysis);
        swscale.sws_freeContext(full);
        analysis = null;
        full = null;
        if (padded != null) {
            padded.close();
            padded = null;
        }
    }
}
