package dev.lvsa.vqeval;

import dev.lvsa.vqeval.api.Dimension;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The dimensions on the class path, found with {@link ServiceLoader}, built-ins first. */
public final class Dimensions {

    private static final List<String> BUILT_IN_ORDER =
            List.of("loop_quality", "temporal_dynamics", "frame_similarity", "spatial_quality", "temporal_coherence");

    private Dimensions() {}

    /** All dimensions by name, in report order. */
    public static Map<String, Dimension> discover() {
        List<Dimension> found = new ArrayList<>();
        for (Dimension d : ServiceLoader.load(Dimension.class, Dimensions.class.getClassLoader())) {
            found.add(d);
        }
        found.sort(Comparator.comparingInt((Dimension d) -> {
                    int i = BUILT_IN_ORDER.indexOf(d.name());
                    return i < 0 ? BUILT_IN_ORDER.size() : i;
                })
                .thenComparing(Dimension::name));
        Map<String, Dimension> out = new LinkedHashMap<>();
        for (Dimension d : found) {
            if (out.put(d.name(), d) != null) {
                throw new IllegalStateException("two dimensions are named " + d.name() + " on the class path");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no VQeval dimension found on the class path (META-INF/services missing?)");
        }
        return out;
    }
}
