package dev.lvsa.reports.io;

/**
 * tablesaw logs through SLF4J, and the toolkit ships no SLF4J provider: SLF4J then prints three lines of
 * warnings on stderr the first time a table is read. Entry points call {@link #apply()} before touching
 * tablesaw so that a user sees only the command's own output. A user's own setting of
 * {@code slf4j.internal.verbosity} is left alone.
 */
public final class QuietLogging {

  private static final String PROPERTY = "slf4j.internal.verbosity";

  private QuietLogging() {
  }

  public static void apply() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, "ERROR");
    }
  }
}
