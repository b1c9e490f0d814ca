package dev.lvsa.reports.io;

/**
 * Process settings the reports need, applied by every entry point before it touches tablesaw or AWT:
 * <ul>
 *   <li>headless AWT: charts and heatmaps are drawn off screen, also on machines without a display;</li>
 *   <li>quiet SLF4J: tablesaw logs through SLF4J and the toolkit ships no SLF4J provider, so SLF4J would
 *       print three lines of warnings on stderr the first time a table is read.</li>
 * </ul>
 * A setting the user made (a {@code -D} on the command line, an SLF4J provider on the class path) is left alone.
 */
public final class ReportRuntime {

    private ReportRuntime() {}

    public static void prepare() {
        setIfAbsent("java.awt.headless", "true");
        if (ReportRuntime.class.getClassLoader().getResource("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")
                == null) {
            setIfAbsent("slf4j.internal.verbosity", "ERROR");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
