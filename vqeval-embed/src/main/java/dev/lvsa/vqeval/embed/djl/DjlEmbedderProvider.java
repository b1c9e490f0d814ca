package dev.lvsa.vqeval.embed.djl;

import ai.djl.Model;
import ai.djl.engine.Engine;
import dev.lvsa.vqeval.api.EmbedderException;
import dev.lvsa.vqeval.api.EmbedderRequest;
import dev.lvsa.vqeval.api.EmbedderSpec;
import dev.lvsa.vqeval.api.FrameEmbedder;
import dev.lvsa.vqeval.api.FrameEmbedderProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Opens image encoders with Deep Java Library. The default engine is ONNX Runtime, whose native library
 * ships inside its Maven Central jar; DJL runs offline ({@code ai.djl.offline}), so nothing is fetched at
 * run time, and picks the device (the CPU here, a GPU where a GPU build of the engine is present).
 */
public final class DjlEmbedderProvider implements FrameEmbedderProvider {

    /** The engine used unless the request or sidecar names another. */
    public static final String DEFAULT_ENGINE = "OnnxRuntime";

    @Override
    public FrameEmbedder open(EmbedderRequest request) throws EmbedderException {
        Path file = request.model();
        checkFile(file);
        Sidecar side = Sidecar.beside(file);
        EmbedderSpec.Kind kind = request.kind() != null
                ? EmbedderSpec.Kind.parse(request.kind())
                : side.kind() != null ? parseKind(side) : EmbedderSpec.Kind.GENERIC;
        String engine = first(request.engine(), side.engine(), DEFAULT_ENGINE);
        System.setProperty("ai.djl.offline", "true");
        Set<String> engines = new TreeSet<>(Engine.getAllEngines());
        engines.remove("RPC"); // DJL's remote engine: models run here, nothing goes over the network
        if (!engines.contains(engine)) {
            throw new EmbedderException(file + ": engine '" + engine + "' cannot be loaded here (available: "
                    + String.join(", ", engines) + ")");
        }
        Model model = load(file, engine);
        try {
            int inputs = model.getBlock().describeInput().size();
            if (inputs != 1) {
                throw new EmbedderException(file + ": the model has " + inputs + " inputs; an image encoder has one, "
                        + "(batch, 3, height, width)");
            }
            int size = first(request.size(), side.size(), kind.size);
            boolean crop = first(request.crop(), side.crop(), kind.crop);
            EmbedderSpec spec = new EmbedderSpec(
                    file,
                    kind,
                    engine,
                    size,
                    crop,
                    first(request.mean(), side.mean(), kind.mean()),
                    first(request.std(), side.std(), kind.std()));
            for (float s : spec.std()) {
                if (!(s > 0)) {
                    throw new EmbedderException(file + ": standard deviations must be positive");
                }
            }
            DjlFrameEmbedder embedder = new DjlFrameEmbedder(spec, model);
            // one image through the model: the shape check an ONNX Runtime session cannot answer through DJL
            String failed = probe(embedder, size, size);
            if (failed != null) {
                throw new EmbedderException(file + ": the model does not take (1, 3, " + size + ", " + size
                        + ") images ("
                        + failed + "); an image encoder takes (batch, 3, height, width): give its input size with "
                        + "--embedder-size or the sidecar's \"size\"");
            }
            if (!crop && probe(embedder, (int) Math.round(size * 16 / 9.0), size) != null) {
                throw new EmbedderException(
                        file + ": the model takes only square " + size + "x" + size + " images, but "
                                + "frames are resized without a crop (kind " + kind.label()
                                + "): export it with dynamic height and "
                                + "width, or set --embedder-crop true (or \"crop\": true in the sidecar)");
            }
            return embedder;
        } catch (EmbedderException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Runs one blank image of {@code width x height}; the engine's complaint, or null when it ran. */
    private static String probe(DjlFrameEmbedder e, int width, int height) {
        try {
            e.embed(new float[][] {new float[3 * width * height]}, width, height);
            return null;
        } catch (EmbedderException ex) {
            return engineMessage(ex.getCause() != null ? ex.getCause() : ex);
        }
    }

    /** The engine's own words, without exception class names and error-code prefixes. */
    static String engineMessage(Throwable e) {
        String m = Sidecar.firstLine(rootMessage(e));
        int at = m.indexOf("message: ");
        m = at >= 0 ? m.substring(at + "message: ".length()) : m;
        return m.replaceAll("^([a-z]+\\.)+[A-Za-z]*Exception: ", "").trim();
    }

    private static EmbedderSpec.Kind parseKind(Sidecar side) throws EmbedderException {
        try {
            return EmbedderSpec.Kind.parse(side.kind());
        } catch (IllegalArgumentException e) {
            throw new EmbedderException(side.file() + ": " + e.getMessage());
        }
    }

    private static void checkFile(Path file) throws EmbedderException {
        if (!Files.exists(file)) {
            throw new EmbedderException(file + ": no such model file");
        }
        if (!Files.isRegularFile(file)) {
            throw new EmbedderException(file + ": not a file (give the model file itself, e.g. model.onnx)");
        }
        if (!Files.isReadable(file)) {
            throw new EmbedderException(file + ": cannot be read (permission denied)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            if (in.read() < 0) {
                throw new EmbedderException(file + ": empty file, not a model");
            }
        } catch (IOException e) {
            throw new EmbedderException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static Model load(Path file, String engine) throws EmbedderException {
        Model model = Model.newInstance(file.getFileName().toString(), engine);
        try {
            // the model runs on its own thread beside decoding and analysis: half the cores (one on two) leaves
            // them room, and a single-threaded session has no spinning thread pool competing with the decoder
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
            model.load(file, null, Map.of("intraOpNumThreads", String.valueOf(threads), "interOpNumThreads", "1"));
            return model;
        } catch (Exception | UnsatisfiedLinkError e) {
            model.close();
            throw new EmbedderException(
                    file + ": not a model the " + engine + " engine can load (" + engineMessage(e) + ")", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
