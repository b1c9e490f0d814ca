package dev.lvsa.reports.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Versions of the software that made a report: the toolkit's modules (jar manifest, "dev" when run from
 * classes), the Java runtime, and the table and chart libraries (their Maven pom.properties).
 */
public final class Versions {

    private Versions() {}

    /** Name to version, in display order. */
    public static Map<String, String> all() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("lvsa-toolkit reports", implementation(Versions.class));
        v.put("vqeval", implementation(dev.lvsa.vqeval.VqEval.class));
        v.put(
                "Java",
                System.getProperty("java.runtime.version", System.getProperty("java.version")) + " ("
                        + System.getProperty("java.vendor", "?") + ")");
        v.put(
                "OS",
                System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "") + " "
                        + System.getProperty("os.arch", ""));
        v.put("tablesaw", maven("tech.tablesaw", "tablesaw-core"));
        v.put("XChart", maven("org.knowm.xchart", "xchart"));
        return v;
    }

    static String implementation(Class<?> c) {
        String s = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
        return s == null ? "dev (not from a jar)" : s;
    }

    /** The version in a dependency's {@code META-INF/maven/GROUP/ARTIFACT/pom.properties}, or "unknown". */
    static String maven(String group, String artifact) {
        String res = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Versions.class.getResourceAsStream(res)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
