package dev.lvsa.vqeval.dimension;

import dev.lvsa.vqeval.api.Dimension;
import dev.lvsa.vqeval.api.NormRange;
import java.util.Map;

/**
 * What every built-in dimension declares the same way: its name, its default weight in the composite and
 * the default normalisation range of each metric that feeds its score. Subclasses only implement
 * {@link #evaluate}.
 */
abstract class BuiltInDimension implements Dimension {

    private final String name;
    private final double defaultWeight;
    private final Map<String, NormRange> defaultRanges;

    BuiltInDimension(String name, double defaultWeight, Map<String, NormRange> defaultRanges) {
        this.name = name;
        this.defaultWeight = defaultWeight;
        this.defaultRanges = defaultRanges;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final double defaultWeight() {
        return defaultWeight;
    }

    @Override
    public final Map<String, NormRange> defaultRanges() {
        return defaultRanges;
    }
}
