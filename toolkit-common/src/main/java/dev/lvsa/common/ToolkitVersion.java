package dev.lvsa.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The toolkit's version (the Maven project version, the same for every module), filtered into
 * {@code dev/lvsa/common/version.properties} by Maven at build time: the same answer from a jar and from
 * {@code target/classes}.
 */
public final class ToolkitVersion {
    private static final String VERSION = load();

    private ToolkitVersion() {}

    /** The Maven project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ToolkitVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "version.properties missing from the toolkit-common jar (broken build)");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            if (v.isEmpty() || v.startsWith("${")) {
                throw new IllegalStateException("version.properties was not filtered by Maven (broken build)");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
