package dev.lvsa.vqeval.decode;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lvsa.vqeval.NativePreload;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/** Decoding thread: grabs, downscales, copies, queues. */
final class FrameProducer implements Runnable {
    final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(8);
    final FFmpegFrameGrabber grabber;
    final int stride;
    final int sampleEvery;
    final int width;
    final int height;
    /** The analysis size and scratch matrices of the embedders' path (null when no embedder runs). */
    Size size;

    volatile boolean cancelled;
    volatile int decoded;
    long firstTs = Long.MIN_VALUE;
    long lastTs = Long.MIN_VALUE;
    long prevTs = Long.MIN_VALUE;
    long minStep = Long.MAX_VALUE;
    long maxStep = 0;
    int sampled;
    /** Whether OpenCV's native libraries are loaded (awaited once the first frame is decoded). */
    boolean openCvReady;

    Mat stage;
    /** The frame at the embedders' size, before it is scaled down for the analysis. */
    Mat grabbed;

    final int fullWidth;
    final int fullHeight;
    /** Size of the frames handed to embedders (0 x 0: none), and every how many analysed frames. */
    int embedWidth;

    int embedHeight;
    int embedEvery = 1;

    FrameProducer(
            FFmpegFrameGrabber grabber,
            int stride,
            int sampleEvery,
            int width,
            int height,
            int fullWidth,
            int fullHeight) {
        this.grabber = grabber;
        this.fullWidth = fullWidth;
        this.fullHeight = fullHeight;
        this.stride = stride;
        this.sampleEvery = sampleEvery;
        this.width = width;
        this.height = height;
    }

    @Override
    public void run() {
        boolean embedding = embedWidth > 0;
        try (PictureScaler scaler = new PictureScaler(swscale.SWS_AREA)) {
            int index = 0;
            while (!cancelled) {
                boolean sample = index % stride == 0
                        && (index / stride) % sampleEvery == sampleEvery / 2
                        && sampled < VideoDecoder.MAX_SPATIAL_SAMPLES;
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    break;
                }
                if (frame.image == null || !(frame.opaque instanceof AVFrame picture)) {
                    continue;
                }
                noteTimestamp(frame.timestamp);
                if (index % stride == 0) {
                    if (!openCvReady) {
                        makeScratch(embedding);
                    }
                    Mat full = sample ? scaler.full(picture) : null;
                    sampled += sample ? 1 : 0;
                    if (!offer(analysed(index, scaler, picture, full, embedding))) {
                        return;
                    }
                }
                index++;
                decoded = index;
            }
            offer(VideoDecoder.END);
        } catch (Throwable t) {
            offer(t);
        } finally {
            closeScratch();
        }
    }

    /**
     * Analysed frame {@code index}: scaled by FFmpeg straight to the analysis size, or, for embedders, to their size
     * and then area-averaged down; with its full-size sample if it has one.
     */
    private DecodedFrame analysed(int index, PictureScaler scaler, AVFrame picture, Mat full, boolean embedding) {
        Mat small = new Mat();
        if (!embedding) {
            scaler.scale(picture, width, height, small);
            return new DecodedFrame(index, small, full, null);
        }
        scaler.scale(picture, embedWidth, embedHeight, grabbed);
        downscale(grabbed, small);
        Mat embed = null;
        if ((index / stride) % embedEvery == 0) {
            embed = new Mat();
            grabbed.copyTo(embed);
        }
        return new DecodedFrame(index, small, full, embed);
    }

    private void closeScratch() {
        if (stage != null) {
            stage.close();
            grabbed.close();
            size.close();
        }
    }

    /**
     * Waits for OpenCV's native libraries once the first frame is decoded (FFmpeg decodes it while they are still
     * loading), then makes the embedders' scratch matrices and size if an embedder runs.
     */
    private void makeScratch(boolean embedding) {
        NativePreload.awaitOpenCv();
        openCvReady = true;
        if (embedding) {
            stage = new Mat();
            grabbed = new Mat();
            size = new Size(width, height);
        }
    }

    /**
     * Hands every {@code every}-th analysed frame to embedders at {@code shorterSide} (never above the
     * video's own size). The decoder then scales to that size and the analysis frames are area-averaged
     * from it, instead of scaled straight from the full frame.
     */
    void embedFrames(int shorterSide, int every) {
        double f = Math.min(1.0, (double) shorterSide / Math.min(fullWidth, fullHeight));
        embedWidth = Math.max(width, (int) Math.round(fullWidth * f));
        embedHeight = Math.max(height, (int) Math.round(fullHeight * f));
        embedEvery = every;
    }

    /**
     * Area-averaging downscale in two steps: first by a whole factor on a crop whose sides divide by it
     * (OpenCV's fast integer INTER_AREA path; at most factor-1 edge pixels dropped), then the small
     * remainder. About half the cost of one INTER_AREA at a fractional scale on large frames.
     */
    private void downscale(Mat view, Mat small) {
        int w = view.cols();
        int h = view.rows();
        if (w == size.width() && h == size.height()) {
            view.copyTo(small);
            return;
        }
        int k = (int) Math.floor(Math.min((double) w / size.width(), (double) h / size.height()));
        if (k < 2) {
            resize(view, small, size, 0, 0, INTER_AREA);
            return;
        }
        int cw = w - w % k;
        int ch = h - h % k;
        try (Rect crop = new Rect((w - cw) / 2, (h - ch) / 2, cw, ch);
                Mat roi = view.apply(crop);
                Size mid = new Size(cw / k, ch / k)) {
            resize(roi, stage, mid, 0, 0, INTER_AREA);
        }
        if (stage.cols() == size.width() && stage.rows() == size.height()) {
            stage.copyTo(small);
        } else {
            resize(stage, small, size, 0, 0, INTER_AREA);
        }
    }

    private void noteTimestamp(long ts) {
        if (ts < 0 || ts == Long.MIN_VALUE) {
            return;
        }
        if (firstTs == Long.MIN_VALUE) {
            firstTs = ts;
        }
        if (prevTs != Long.MIN_VALUE && ts > prevTs) {
            minStep = Math.min(minStep, ts - prevTs);
            maxStep = Math.max(maxStep, ts - prevTs);
        }
        prevTs = ts;
        lastTs = ts;
    }

    /**
     * {fps, varies}: the rate over the whole stream from its first and last timestamps (the mean interval,
     * so a GIF alternating 60 and 70 ms delays reads as 16 fps, not as the 16.67 of its shortest delay),
     * falling back to the container's rate.
     */
    double[] timing(int frames, double containerFps) {
        if (frames < 3 || firstTs == Long.MIN_VALUE || lastTs <= firstTs) {
            return new double[] {containerFps, 0};
        }
        double fps = (frames - 1) * 1e6 / (lastTs - firstTs);
        boolean varies = maxStep > 1.1 * minStep + 1000;
        // a container rate within 1% of the measured one stays (it is exact; timestamps are rounded)
        if (containerFps > 0 && Math.abs(fps - containerFps) <= 0.01 * containerFps) {
            fps = containerFps;
        }
        return new double[] {fps, varies ? 1 : 0};
    }

    private boolean offer(Object item) {
        try {
            while (!cancelled) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (item instanceof DecodedFrame f) {
            f.close();
        }
        return false;
    }
}
