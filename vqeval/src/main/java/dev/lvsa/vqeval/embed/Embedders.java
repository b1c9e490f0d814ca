package dev.lvsa.vqeval.embed;

import dev.lvsa.vqeval.api.EmbedderException;
import dev.lvsa.vqeval.api.EmbedderRequest;
import dev.lvsa.vqeval.api.FrameEmbedder;
import dev.lvsa.vqeval.api.FrameEmbedderProvider;
import dev.lvsa.vqeval.api.FrameEmbeddings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Opening and closing the embedders an evaluator holds, and what the JSON says about them. */
public final class Embedders {

    private Embedders() {}

    /**
     * Opens each requested model with the first provider on the class path.
     *
     * @throws IllegalArgumentException naming the model and the cause, when one cannot be opened
     */
    public static List<FrameEmbedder> open(List<EmbedderRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Iterator<FrameEmbedderProvider> it = ServiceLoader.load(
                        FrameEmbedderProvider.class, Embedders.class.getClassLoader())
                .iterator();
        if (!it.hasNext()) {
            throw new IllegalArgumentException(
                    "--embedder needs the vqeval-embed module (DJL with ONNX Runtime) on the "
                            + "class path: build it with 'mvn -q install -DskipTests' and run bin/vqeval, which adds it");
        }
        FrameEmbedderProvider provider = it.next();
        List<FrameEmbedder> open = new ArrayList<>();
        try {
            for (EmbedderRequest r : requests) {
                open.add(provider.open(r));
            }
        } catch (EmbedderException e) {
            closeAll(open);
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return List.copyOf(open);
    }

    public static void closeAll(List<FrameEmbedder> models) {
        for (FrameEmbedder m : models) {
            m.close();
        }
    }

    /** {@code analysis.embedders}: per model, what ran and how. */
    public static List<Map<String, Object>> facts(List<FrameEmbeddings> channels, int stride) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FrameEmbeddings e : channels) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", e.spec().model().toString());
            m.put("kind", e.spec().kind().label());
            m.put("channel", e.spec().channel());
            m.put("engine", e.spec().engine());
            m.put("input", e.inputWidth() + "x" + e.inputHeight());
            m.put("crop", e.spec().crop());
            m.put("frames_embedded", e.size());
            m.put("every", e.every() * stride);
            m.put("dimensions", e.size() == 0 ? 0 : e.vectors()[0].length);
            m.put("model_ms_per_frame", e.size() == 0 ? 0 : Math.round(e.modelNanos() / 1e4 / e.size()) / 100.0);
            out.add(m);
        }
        return out;
    }
}
