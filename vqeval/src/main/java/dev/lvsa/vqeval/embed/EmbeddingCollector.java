package dev.lvsa.vqeval.embed;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lvsa.vqeval.api.EmbedderException;
import dev.lvsa.vqeval.api.EmbedderSpec;
import dev.lvsa.vqeval.api.FrameEmbedder;
import dev.lvsa.vqeval.api.FrameEmbeddings;
import dev.lvsa.vqeval.decode.MatData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Prepares frames for each embedder as they are decoded (resize, centre crop, RGB, per-channel
 * normalisation: {@link EmbedderSpec}) and runs the models in batches on one background thread, so that
 * inference overlaps decoding. Frames are prepared on the analysing thread; the decoder's Mat is not kept.
 */
public final class EmbeddingCollector implements AutoCloseable {

    private final List<Channel> channels = new ArrayList<>();
    private final int batch;
    private final int every;
    private final ExecutorService runner;

    /**
     * @param embedders the models, opened
     * @param every embed every {@code every}-th analysed frame
     * @param batch images per model call
     */
    public EmbeddingCollector(List<FrameEmbedder> embedders, int every, int batch) {
        this.every = every;
        this.batch = Math.max(1, batch);
        for (FrameEmbedder e : embedders) {
            channels.add(new Channel(e));
        }
        this.runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vqeval-embed");
            t.setDaemon(true);
            return t;
        });
    }

    /** The largest shorter side any embedder needs: the decoder hands frames over at this size. */
    public static int shorterSide(List<FrameEmbedder> embedders) {
        int s = 0;
        for (FrameEmbedder e : embedders) {
            s = Math.max(s, e.spec().size());
        }
        return s;
    }

    public int every() {
        return every;
    }

    /** Prepares one BGR frame for every model; runs a batch when one is full. */
    public void accept(Mat bgr) {
        for (Channel c : channels) {
            c.add(bgr);
        }
    }

    /**
     * Waits for every batch and returns each model's vectors.
     *
     * @throws EmbedderException when a model failed on a batch
     */
    public List<FrameEmbeddings> finish() throws EmbedderException {
        List<FrameEmbeddings> out = new ArrayList<>();
        for (Channel c : channels) {
            c.flush();
        }
        for (Channel c : channels) {
            out.add(c.collect());
        }
        return out;
    }

    @Override
    public void close() {
        runner.shutdownNow();
        for (Channel c : channels) {
            c.close();
        }
    }

    /** One model: its prepared images waiting for a batch, and the batches submitted. */
    private final class Channel implements AutoCloseable {
        final FrameEmbedder model;
        final EmbedderSpec spec;
        final List<float[]> pending = new ArrayList<>();
        final List<Future<float[][]>> batches = new ArrayList<>();
        final AtomicLong modelNanos = new AtomicLong();
        final Mat resized = new Mat();
        int width;
        int height;
        byte[] bytes;

        Channel(FrameEmbedder model) {
            this.model = model;
            this.spec = model.spec();
        }

        void add(Mat bgr) {
            int w = bgr.cols();
            int h = bgr.rows();
            double f = (double) spec.size() / Math.min(w, h);
            int rw = Math.max(1, (int) Math.round(w * f));
            int rh = Math.max(1, (int) Math.round(h * f));
            if (spec.crop()) {
                rw = Math.max(rw, spec.size());
                rh = Math.max(rh, spec.size());
            }
            try (Size target = new Size(rw, rh)) {
                resize(bgr, resized, target, 0, 0, f < 1 ? INTER_AREA : INTER_LINEAR);
            }
            int cw = spec.crop() ? spec.size() : rw;
            int ch = spec.crop() ? spec.size() : rh;
            if (width == 0) {
                width = cw;
                height = ch;
                bytes = new byte[cw * ch * 3];
            }
            try (Rect r = new Rect((rw - cw) / 2, (rh - ch) / 2, cw, ch);
                    Mat roi = resized.apply(r);
                    Mat packed = roi.clone()) {
                MatData.bytes(packed, bytes);
            }
            pending.add(toInput(bytes, cw * ch));
            if (pending.size() >= batch) {
                flush();
            }
        }

        /** BGR bytes, pixel-major -> RGB floats, channel-major, normalised. */
        private float[] toInput(byte[] bgr, int pixels) {
            float[] out = new float[3 * pixels];
            float[] mean = spec.mean();
            float[] std = spec.std();
            for (int c = 0; c < 3; c++) {
                int src = 2 - c; // RGB channel c is BGR byte 2-c
                float scale = 1f / (255f * std[c]);
                float shift = mean[c] / std[c];
                int base = c * pixels;
                for (int p = 0; p < pixels; p++) {
                    out[base + p] = (bgr[3 * p + src] & 0xff) * scale - shift;
                }
            }
            return out;
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            float[][] images = pending.toArray(new float[0][]);
            pending.clear();
            int w = width;
            int h = height;
            batches.add(runner.submit(() -> {
                long t = System.nanoTime();
                float[][] v = model.embed(images, w, h);
                modelNanos.addAndGet(System.nanoTime() - t);
                if (v.length != images.length) {
                    throw new EmbedderException(spec.model() + ": the model returned " + v.length + " vectors for "
                            + images.length + " images");
                }
                return v;
            }));
        }

        FrameEmbeddings collect() throws EmbedderException {
            List<float[]> all = new ArrayList<>();
            for (Future<float[][]> f : batches) {
                try {
                    for (float[] v : f.get()) {
                        all.add(unit(v));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbedderException(spec.model() + ": interrupted");
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof EmbedderException ee) {
                        throw ee;
                    }
                    throw new EmbedderException(spec.model() + ": the model failed: " + c, c);
                }
            }
            return new FrameEmbeddings(spec, every, all.toArray(new float[0][]), width, height, modelNanos.get());
        }

        private static float[] unit(float[] v) {
            double s = 0;
            for (float x : v) {
                s += x * x;
            }
            float inv = s > 0 ? (float) (1 / Math.sqrt(s)) : 0f;
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i] * inv;
            }
            return out;
        }

        @Override
        public void close() {
            resized.close();
        }
    }
}
