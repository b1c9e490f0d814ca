package dev.lvsa.vqeval.signal;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.norm;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lvsa.vqeval.api.FrameSeries;
import dev.lvsa.vqeval.api.SpatialSample;
import dev.lvsa.vqeval.api.VideoInfo;
import dev.lvsa.vqeval.decode.DecodedFrame;
import dev.lvsa.vqeval.decode.FrameSink;
import dev.lvsa.vqeval.decode.MatData;
import dev.lvsa.vqeval.decode.StreamFacts;
import dev.lvsa.vqeval.embed.EmbeddingCollector;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Consumes frames in order and measures everything per frame as it arrives, keeping only small
 * buffers: the last three frames, the first frame's SSIM terms, and per-frame numbers. Per-pixel work
 * runs in OpenCV; optical flow runs on a {@link FlowWorker} thread beside it. Not thread-safe; one
 * instance per video.
 */
public final class FrameAnalyzer implements FrameSink, AutoCloseable {

    /** Longer side of the grey descriptor grid (cells). */
    public static final int DESCRIPTOR_LONG_SIDE = 32;
    /** Longer side of the frames optical flow runs on (smaller than the analysis frames: flow is costly). */
    public static final int FLOW_LONG_SIDE = 112;

    private final String video;
    private final int stride;
    private final SpatialStats spatialStats;
    private final EmbeddingCollector embedding;
    private dev.lvsa.vqeval.api.FrameProgress progress;

    private StreamFacts facts;
    private int aw;
    private int ah;
    private int gw;
    private int gh;
    private int cw;
    private int ch;
    private Size tinySize;
    private Size flowSize;
    private double flowToAnalysis;
    private Size thumbSize;

    // ring of the last three frames (index k % 3)
    private final Mat[] gray8 = new Mat[3];
    private final Mat[] grayF = new Mat[3];
    private final Mat[] flow8 = new Mat[3];
    private final Mat[] flowF = new Mat[3];
    private final Ssim.Terms[] terms = new Ssim.Terms[3];
    private Ssim.Terms first;
    private Ssim ssim;
    private FlowWorker flow;
    private Mat diff;
    private Mat tiny;
    private Mat thumb;
    private byte[] tinyBytes;
    private final byte[] thumbBytes = new byte[64];

    private int count;
    private final List<float[]> descriptors = new ArrayList<>();
    private final List<float[]> thumbnails = new ArrayList<>();
    private final GrowableDoubles ssimPrev = new GrowableDoubles();
    private final GrowableDoubles psnrPrev = new GrowableDoubles();
    private final GrowableDoubles absDiffPrev = new GrowableDoubles();
    private final GrowableDoubles ssimFirst = new GrowableDoubles();
    private final GrowableDoubles subjectPrev = new GrowableDoubles();
    private final GrowableDoubles subjectFirst = new GrowableDoubles();
    private final GrowableDoubles backgroundPrev = new GrowableDoubles();
    private final GrowableDoubles backgroundFirst = new GrowableDoubles();
    private final GrowableDoubles lumaMean = new GrowableDoubles();
    private final List<SpatialSample> spatialSamples = new ArrayList<>();

    public FrameAnalyzer(String video, int stride, SpatialStats spatialStats) {
        this(video, stride, spatialStats, null);
    }

    /** @param embedding receives the frames the decoder prepared for embedders (null: none) */
    public FrameAnalyzer(String video, int stride, SpatialStats spatialStats, EmbeddingCollector embedding) {
        this.video = video;
        this.stride = stride;
        this.spatialStats = spatialStats;
        this.embedding = embedding;
    }

    /** Reports each analysed frame (null: nobody listens). */
    public FrameAnalyzer progressTo(dev.lvsa.vqeval.api.FrameProgress listener) {
        this.progress = listener;
        return this;
    }

    @Override
    public void begin(StreamFacts facts, int analysisWidth, int analysisHeight) {
        // OpenCV objects are made here, on the analysing thread, once OpenCV is bound
        dev.lvsa.vqeval.NativePreload.awaitOpenCv();
        thumbSize = new Size(8, 8);
        first = new Ssim.Terms();
        diff = new Mat();
        tiny = new Mat();
        thumb = new Mat();
        this.facts = facts;
        this.aw = analysisWidth;
        this.ah = analysisHeight;
        int[] grid = descriptorGrid(aw, ah);
        gw = grid[0];
        gh = grid[1];
        cw = Math.max(1, gw / 2);
        ch = Math.max(1, gh / 2);
        tinySize = new Size(gw, gh);
        tinyBytes = new byte[gw * gh * 3];
        double f = Math.min(1.0, (double) FLOW_LONG_SIDE / Math.max(aw, ah));
        int fw = Math.max(8, (int) Math.round(aw * f));
        int fh = Math.max(8, (int) Math.round(ah * f));
        flowToAnalysis = (double) aw / fw;
        flowSize = new Size(fw, fh);
        for (int k = 0; k < 3; k++) {
            gray8[k] = new Mat();
            grayF[k] = new Mat();
            flow8[k] = new Mat();
            flowF[k] = new Mat();
            terms[k] = new Ssim.Terms();
        }
        ssim = new Ssim(aw, ah);
        flow = new FlowWorker(fw, fh, flowToAnalysis);
    }

    /** Grey descriptor grid for an analysis frame: longer side 32 cells, at least 4 on the shorter. */
    public static int[] descriptorGrid(int width, int height) {
        int longSide = Math.min(DESCRIPTOR_LONG_SIDE, Math.max(width, height));
        if (width >= height) {
            return new int[] {longSide, Math.max(4, (int) Math.round((double) height * longSide / width))};
        }
        return new int[] {Math.max(4, (int) Math.round((double) width * longSide / height)), longSide};
    }

    @Override
    public void accept(DecodedFrame frame) {
        try (frame) {
            int i = count;
            int k = i % 3;
            cvtColor(frame.small(), gray8[k], COLOR_BGR2GRAY);
            gray8[k].convertTo(grayF[k], CV_32F);
            if (flowSize.width() == aw && flowSize.height() == ah) {
                gray8[k].copyTo(flow8[k]);
            } else {
                resize(gray8[k], flow8[k], flowSize, 0, 0, INTER_AREA);
            }
            flow8[k].convertTo(flowF[k], CV_32F);
            flow.submit(i, flow8[k], flowF[k]);
            ssim.terms(grayF[k], terms[k]);
            descriptors.add(descriptor(frame.small()));
            thumbnails.add(thumbnail(gray8[k]));
            lumaMean.add(mean(grayF[k]).get(0));

            if (i == 0) {
                ssim.terms(grayF[k], first);
                for (GrowableDoubles g :
                        new GrowableDoubles[] {ssimPrev, psnrPrev, absDiffPrev, subjectPrev, backgroundPrev}) {
                    g.add(Double.NaN);
                }
                ssimFirst.add(1.0);
                subjectFirst.add(1.0);
                backgroundFirst.add(1.0);
            } else {
                int p = (i - 1) % 3;
                absdiff(grayF[p], grayF[k], diff);
                absDiffPrev.add(mean(diff).get(0));
                double l2 = norm(grayF[p], grayF[k]); // L2 by default
                double mse = l2 * l2 / ((double) aw * ah);
                psnrPrev.add(mse < 1e-10 ? 100.0 : Math.min(100.0, 10 * Math.log10(255.0 * 255.0 / mse)));
                double[] prev = ssim.compare(terms[p], terms[k]);
                ssimPrev.add(prev[0]);
                subjectPrev.add(prev[1]);
                backgroundPrev.add(prev[2]);
                double[] toFirst = ssim.compare(first, terms[k]);
                ssimFirst.add(toFirst[0]);
                subjectFirst.add(toFirst[1]);
                backgroundFirst.add(toFirst[2]);
            }
            if (frame.full() != null) {
                spatialSamples.add(spatialStats.measure(frame.index(), frame.full()));
            }
            if (frame.embed() != null && embedding != null) {
                embedding.accept(frame.embed());
            }
            count++;
            if (progress != null) {
                progress.update("decoding", frame.index() + 1, facts.declaredFrames());
            }
        }
    }

    /** Grey cells (mean removed) then (B-Y) and (R-Y) chroma at half the grid, in grey levels. */
    private float[] descriptor(Mat smallBgr) {
        resize(smallBgr, tiny, tinySize, 0, 0, INTER_AREA);
        MatData.bytes(tiny, tinyBytes);
        int cells = gw * gh;
        float[] d = new float[cells + 2 * cw * ch];
        float[] cb = new float[cells];
        float[] cr = new float[cells];
        double sum = 0;
        for (int j = 0; j < cells; j++) {
            int b = tinyBytes[3 * j] & 0xff;
            int g = tinyBytes[3 * j + 1] & 0xff;
            int r = tinyBytes[3 * j + 2] & 0xff;
            float y = 0.299f * r + 0.587f * g + 0.114f * b;
            d[j] = y;
            cb[j] = b - y;
            cr[j] = r - y;
            sum += y;
        }
        float m = (float) (sum / cells);
        for (int j = 0; j < cells; j++) {
            d[j] -= m;
        }
        int sx = gw / cw;
        int sy = gh / ch;
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                float sb = 0;
                float sr = 0;
                for (int dy = 0; dy < sy; dy++) {
                    for (int dx = 0; dx < sx; dx++) {
                        int j = (y * sy + dy) * gw + (x * sx + dx);
                        sb += cb[j];
                        sr += cr[j];
                    }
                }
                int n = sx * sy;
                d[cells + y * cw + x] = sb / n;
                d[cells + cw * ch + y * cw + x] = sr / n;
            }
        }
        return d;
    }

    private float[] thumbnail(Mat gray) {
        resize(gray, thumb, thumbSize, 0, 0, INTER_AREA);
        MatData.bytes(thumb, thumbBytes);
        float[] t = new float[64];
        for (int j = 0; j < 64; j++) {
            t[j] = thumbBytes[j] & 0xff;
        }
        return t;
    }

    /** The measured series, once every frame went by. */
    public FrameSeries finish(int framesDecoded) {
        return finish(framesDecoded, facts.fps());
    }

    /** The measured series, with the frame rate measured from the frames' timestamps. */
    public FrameSeries finish(int framesDecoded, double fps) {
        flow.finish();
        VideoInfo info =
                new VideoInfo(video, facts.width(), facts.height(), fps, framesDecoded, facts.codec(), facts.format());
        return new FrameSeries(
                info,
                stride,
                aw,
                ah,
                gw,
                gh,
                descriptors.toArray(new float[0][]),
                thumbnails.toArray(new float[0][]),
                flow.flowMean.toArray(),
                flow.flowTop5.toArray(),
                ssimPrev.toArray(),
                psnrPrev.toArray(),
                absDiffPrev.toArray(),
                ssimFirst.toArray(),
                subjectPrev.toArray(),
                subjectFirst.toArray(),
                backgroundPrev.toArray(),
                backgroundFirst.toArray(),
                lumaMean.toArray(),
                flow.interpolationError.toArray(),
                flow.directionHistogram.clone(),
                List.copyOf(spatialSamples),
                null);
    }

    @Override
    public void close() {
        for (int k = 0; k < 3; k++) {
            for (AutoCloseable c : new AutoCloseable[] {gray8[k], grayF[k], flow8[k], flowF[k], terms[k]}) {
                closeQuietly(c);
            }
        }
        for (AutoCloseable c : new AutoCloseable[] {first, ssim, flow, diff, tiny, thumb}) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // native buffers only; nothing to report
            }
        }
    }
}
