package dev.lvsa.vqeval.signal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Runs the optical-flow work of a video (pair statistics and the interpolation of odd frames) on its own
 * thread, in frame order, so that it overlaps the rest of the per-frame analysis. Frames arrive as
 * copies of the small flow-size greys; results are read after {@link #finish()}.
 */
final class FlowWorker implements AutoCloseable {

    private static final Object END = new Object();

    private final Flow flow;
    private final double toAnalysis;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(32);
    private final Thread thread;
    private final Mat[] ring8 = new Mat[3];
    private final Mat[] ringF = new Mat[3];
    private volatile Throwable failure;

    final GrowableDoubles flowMean = new GrowableDoubles();
    final GrowableDoubles flowTop5 = new GrowableDoubles();
    final GrowableDoubles interpolationError = new GrowableDoubles();
    final double[] directionHistogram = new double[8];

    /** One frame's flow-size greys (8-bit and float), owned by the worker once queued. */
    private record Item(int index, Mat gray8, Mat grayF) {}

    FlowWorker(int width, int height, double toAnalysis) {
        this.flow = new Flow(width, height);
        this.toAnalysis = toAnalysis;
        this.thread = new Thread(this::run, "vqeval-flow");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues copies of frame {@code index}'s greys (blocks while the worker is far behind). */
    void submit(int index, Mat gray8, Mat grayF) {
        put(new Item(index, gray8.clone(), grayF.clone()));
    }

    /** Waits for every queued frame; rethrows a failure of the worker. */
    void finish() {
        put(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for optical flow", e);
        }
        if (failure != null) {
            throw new IllegalStateException("optical flow failed: " + failure, failure);
        }
    }

    private void put(Object item) {
        try {
            while (thread.isAlive() && !queue.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                // the worker is still busy; wait for room
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing optical flow", e);
        }
        if (!thread.isAlive() && item instanceof Item it) {
            it.gray8().close();
            it.grayF().close();
        }
    }

    private void run() {
        try {
            while (true) {
                Object o = queue.take();
                if (o == END) {
                    return;
                }
                Item it = (Item) o;
                step(it.index(), it.gray8(), it.grayF());
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void step(int i, Mat g8, Mat gF) {
        int k = i % 3;
        if (ring8[k] != null) {
            ring8[k].close();
            ringF[k].close();
        }
        ring8[k] = g8;
        ringF[k] = gF;
        if (i == 0) {
            flowMean.add(Double.NaN);
            flowTop5.add(Double.NaN);
        } else {
            Flow.Stats s = flow.measure(ring8[(i - 1) % 3], g8, directionHistogram);
            // reported in analysis pixels, whatever size the flow ran at
            flowMean.add(s.mean() * toAnalysis);
            flowTop5.add(s.top5() * toAnalysis);
        }
        interpolationError.add(Double.NaN);
        if (i >= 2 && (i - 1) % 2 == 1) {
            int a = (i - 2) % 3;
            int m = (i - 1) % 3;
            interpolationError.set(i - 1, flow.interpolationError(ring8[a], g8, ringF[a], gF, ringF[m]));
        }
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Object o;
        while ((o = queue.poll()) != null) {
            if (o instanceof Item it) {
                it.gray8().close();
                it.grayF().close();
            }
        }
        for (int k = 0; k < 3; k++) {
            if (ring8[k] != null) {
                ring8[k].close();
                ringF[k].close();
            }
        }
        flow.close();
    }
}
