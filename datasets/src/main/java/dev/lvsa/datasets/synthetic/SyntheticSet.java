package dev.lvsa.datasets.synthetic;

import dev.lvsa.common.AtomicFiles;
import dev.lvsa.vqeval.io.Csv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Generates a labelled set: clip {@code i} is of kind {@code kinds[i % kinds.size()]} with seed derived
 * from the set seed and {@code i}, so a set is the same on every machine. Writes {@code <kind>_<i>.mp4}
 * files and {@code labels.csv}, each atomically.
 */
public final class SyntheticSet {

    /** Columns of labels.csv, in order. */
    public static final List<String> LABEL_COLUMNS = List.of(
            "file",
            "kind",
            "category",
            "looped",
            "period_frames",
            "first_repeat_frame",
            "pingpong",
            "freeze_onset_frame",
            "stutter",
            "duplicated_frames",
            "cut_frames",
            "frames",
            "width",
            "height",
            "fps",
            "noise_sigma",
            "reencoded",
            "seed",
            "label",
            "onset_frame");

    private final int width;
    private final int height;
    private final Mp4Writer.Codec codec;

    public SyntheticSet(int width, int height, Mp4Writer.Codec codec) {
        if (width < 64 || height < 48 || width > 1920 || height > 1080 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("size must be even, 64x48 to 1920x1080, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.codec = codec;
    }

    /** Listener for progress. */
    public interface Listener {
        void generated(ClipLabel label, int done, int total);
    }

    /** Generates {@code count} clips into {@code dir} on one thread; returns their labels in order. */
    public List<ClipLabel> generate(Path dir, int count, long seed, List<ClipKind> kinds, Listener listener)
            throws IOException {
        return generate(dir, count, seed, kinds, 1, listener);
    }

    /**
     * Generates {@code count} clips into {@code dir} on {@code threads} threads (the clips do not depend on
     * it: each has its own seed); returns their labels in order and writes labels.csv last.
     */
    public List<ClipLabel> generate(
            Path dir, int count, long seed, List<ClipKind> kinds, int threads, Listener listener) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no clip kinds to generate");
        }
        Files.createDirectories(dir);
        ClipLabel[] labels = new ClipLabel[count];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                final int index = i;
                futures.add(pool.submit(() -> {
                    ClipKind kind = kinds.get(index % kinds.size());
                    String file = String.format(Locale.ROOT, "%03d_%s.mp4", index, kind.label());
                    labels[index] = generateClip(dir.resolve(file), kind, clipSeed(seed, index), file);
                    if (listener != null) {
                        synchronized (labels) {
                            listener.generated(labels[index], done.incrementAndGet(), count);
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException("clip generation failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<ClipLabel> out = List.of(labels);
        writeLabels(dir.resolve("labels.csv"), out);
        return out;
    }

    /** Renders and encodes one clip. */
    public ClipLabel generateClip(Path target, ClipKind kind, long seed, String fileName) throws IOException {
        ClipPlan plan = new ClipFactory(width, height).plan(kind, seed, fileName);
        SceneRenderer renderer = new SceneRenderer(width, height);
        Timeline tl = plan.timeline();
        List<byte[]> frames = new ArrayList<>(tl.frames());
        for (int i = 0; i < tl.frames(); i++) {
            Scene scene = plan.scenes().get(tl.scene()[i]);
            byte[] frame = renderer.render(scene, tl.time()[i], i, tl.frames(), plan.noiseSigma(), tl.noiseKey()[i]);
            if (plan.effect() != null) {
                plan.effect().apply(frame, i, width, height);
            }
            frames.add(frame);
        }
        int fps = plan.label().fps();
        Path tmp = AtomicFiles.newTempFile(target.toAbsolutePath().getParent(), "." + fileName, ".tmp.mp4");
        try {
            if (plan.reencode()) {
                Path first = AtomicFiles.newTempFile(target.toAbsolutePath().getParent(), "." + fileName, ".pass1.mp4");
                try {
                    Mp4Writer.write(first, frames, width, height, fps, codec, 0.04);
                    frames = Mp4Writer.decode(first, width, height);
                } finally {
                    Files.deleteIfExists(first);
                }
            }
            Mp4Writer.write(tmp, frames, width, height, fps, codec, 0.2);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return plan.label();
    }

    static long clipSeed(long setSeed, int index) {
        return ValueNoise.mix(setSeed * 0x9E3779B97F4A7C15L + index + 1) & 0x7FFF_FFFF_FFFFL;
    }

    public static void writeLabels(Path file, List<ClipLabel> labels) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (ClipLabel l : labels) {
            rows.add(List.of(
                    l.file(),
                    l.kind().label(),
                    l.category().name().toLowerCase(Locale.ROOT),
                    Boolean.toString(l.looped()),
                    str(l.periodFrames()),
                    str(l.firstRepeatFrame()),
                    Boolean.toString(l.pingPong()),
                    str(l.freezeOnsetFrame()),
                    Boolean.toString(l.stutter()),
                    Integer.toString(l.duplicatedFrames()),
                    l.cutFrames().stream().map(String::valueOf).collect(Collectors.joining(";")),
                    Integer.toString(l.frames()),
                    Integer.toString(l.width()),
                    Integer.toString(l.height()),
                    Integer.toString(l.fps()),
                    Double.toString(l.noiseSigma()),
                    Boolean.toString(l.reencoded()),
                    Long.toString(l.seed()),
                    validationLabel(l),
                    str(validationOnset(l))));
        }
        AtomicFiles.writeString(file, Csv.format(LABEL_COLUMNS, rows));
    }

    /** The class {@code vqeval validate} judges: loop, freeze, clean, or the kind's own word (not judged). */
    static String validationLabel(ClipLabel l) {
        return switch (l.category()) {
            case LOOP -> "loop";
            case FREEZE -> "freeze";
            case CLEAN -> "clean";
            case STUTTER -> "stutter";
        };
    }

    /** A loop's first repeated frame (where known) or a freeze's onset. */
    static Integer validationOnset(ClipLabel l) {
        return l.category() == ClipKind.Category.FREEZE ? l.freezeOnsetFrame() : l.firstRepeatFrame();
    }

    private static String str(Integer v) {
        return v == null ? "" : v.toString();
    }
}
