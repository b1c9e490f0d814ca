package dev.lvsa.vqeval.batch;

import dev.lvsa.common.AtomicFiles;
import dev.lvsa.vqeval.VqEval;
import dev.lvsa.vqeval.api.EvaluationReport;
import dev.lvsa.vqeval.api.VideoException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scores a list of videos on {@code jobs} threads (one video per thread). Each report is written as
 * {@code <id>.json} the moment it is done (atomically), so an interrupted batch keeps what it finished.
 * Results come back in input order whatever the scheduling, and each video's scores do not depend on it.
 */
public final class BatchRunner {

    /** Told about each finished video, on the thread that finished it (calls are serialised). */
    public interface Listener {
        void finished(Outcome outcome, int done, int total);
    }

    private final VqEval vq;
    private final int jobs;

    public BatchRunner(VqEval vq, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
        }
        this.vq = vq;
        this.jobs = jobs;
    }

    /**
     * @param outDir where {@code <id>.json} files go, or null to write none
     * @param withProfiles include per-frame profiles in the JSON files
     */
    public List<Outcome> run(List<BatchInput> inputs, Path outDir, boolean withProfiles, Listener listener)
            throws InterruptedException {
        Outcome[] results = new Outcome[inputs.size()];
        AtomicInteger done = new AtomicInteger();
        Object lock = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "vqeval-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                final int index = i;
                futures.add(pool.submit(() -> {
                    Outcome o = score(inputs.get(index), outDir, withProfiles);
                    results[index] = o;
                    synchronized (lock) {
                        int d = done.incrementAndGet();
                        if (listener != null) {
                            try {
                                listener.finished(o, d, inputs.size());
                            } catch (RuntimeException e) {
                                // progress display must never stop a batch
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("batch worker failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return Arrays.asList(results);
    }

    private Outcome score(BatchInput in, Path outDir, boolean withProfiles) {
        EvaluationReport report;
        try {
            report = vq.evaluate(in.path(), in.shown());
        } catch (VideoException e) {
            return new Outcome(in, null, e.getMessage(), null);
        } catch (RuntimeException | OutOfMemoryError e) {
            return new Outcome(in, null, "internal error while scoring: " + e, null);
        }
        if (outDir == null) {
            return new Outcome(in, report, null, null);
        }
        Path json = outDir.resolve(in.id() + ".json");
        try {
            AtomicFiles.writeString(json, report.toJson(withProfiles) + "\n");
        } catch (IOException e) {
            return new Outcome(in, null, "scored, but its JSON could not be written: " + e.getMessage(), null);
        }
        return new Outcome(in, report, null, json);
    }
}
