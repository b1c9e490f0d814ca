package dev.lvsa.baselines.pattern;

import java.util.Map;

/**
 * A code-defined pattern, plugged in without changing the toolkit: implement this interface, list the class in
 * {@code META-INF/services/dev.lvsa.baselines.pattern.PatternProvider} of a jar on the classpath, and use its
 * {@link #name()} as a part {@code type} in a pattern spec or as {@code --pattern NAME[:key=value,...]}.
 *
 * <p>Implementations must have a public no-argument constructor and produce immutable patterns.
 */
public interface PatternProvider {
    /** The type name users refer to; lower case, {@code [a-z][a-z0-9_.+-]*}, distinct from the built-in types. */
    String name();

    /** One line saying what the pattern does, shown by {@code pattern models}/docs. */
    String description();

    /**
     * Builds the pattern from the spec's parameters (every field of its JSON object except {@code type}; values
     * are Integer/Long, Double, Boolean, String, List or Map).
     *
     * @throws dev.lvsa.common.BadInputException for a missing, unknown or out-of-range parameter
     */
    FramePattern create(Map<String, Object> params);
}
