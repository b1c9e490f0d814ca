package dev.lvsa.baselines.pattern;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The {@link PatternProvider}s found through {@link ServiceLoader} on the classpath, by name. */
public final class PatternProviders {
    private static volatile Map<String, PatternProvider> cache;

    private PatternProviders() {}

    /** The provider called {@code name}, or null. */
    public static PatternProvider find(String name) {
        return all().get(name);
    }

    /** Names of every provider found. */
    public static Set<String> names() {
        return all().keySet();
    }

    /** Every provider found, by name. */
    public static Map<String, PatternProvider> all() {
        Map<String, PatternProvider> c = cache;
        if (c == null) {
            c = load();
            cache = c;
        }
        return c;
    }

    private static Map<String, PatternProvider> load() {
        Map<String, PatternProvider> m = new TreeMap<>();
        for (PatternProvider p : ServiceLoader.load(PatternProvider.class, PatternProviders.class.getClassLoader())) {
            String n = p.name();
            if (n == null || !PatternSpec.NAME.matcher(n).matches()) {
                throw new IllegalStateException(
                        "pattern provider " + p.getClass().getName() + " has an invalid name '" + n + "' (must match "
                                + PatternSpec.NAME.pattern() + ")");
            }
            if (PatternSpec.builtInTypes().contains(n) || PatternSpec.RESERVED.contains(n)) {
                throw new IllegalStateException("pattern provider "
                        + p.getClass().getName() + " takes the name '" + n + "' of a built-in type");
            }
            PatternProvider old = m.put(n, p);
            if (old != null && !old.getClass().equals(p.getClass())) {
                throw new IllegalStateException("two pattern providers are called '" + n + "': "
                        + old.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
