package dev.lvsa.vqeval.batch;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Batch progress on stderr: a bar redrawn in place on a terminal, plain lines (every tenth of the batch,
 * or every 10 seconds) otherwise, so logs stay readable.
 */
public final class Progress implements BatchRunner.Listener {

  private final PrintStream err;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private int failed;
  private long lastLine;
  private int lastDecile = -1;

  public Progress(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void finished(Outcome outcome, int done, int total) {
    if (!outcome.ok()) {
      failed++;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    double eta = done > 0 ? elapsed / done * (total - done) : 0;
    if (terminal) {
      int width = 30;
      int filled = total == 0 ? width : (int) Math.round((double) width * done / total);
      String bar = "#".repeat(filled) + ".".repeat(width - filled);
      err.printf(Locale.ROOT, "\r[%s] %d/%d done, %d failed, %s left ", bar, done, total, failed, clock(eta));
      if (done == total) {
        err.println();
      }
      err.flush();
      return;
    }
    int decile = total == 0 ? 10 : 10 * done / total;
    long now = System.nanoTime();
    if (decile != lastDecile || now - lastLine > 10_000_000_000L || done == total) {
      err.printf(Locale.ROOT, "vqeval: %d/%d done, %d failed, %s elapsed, %s left%n", done, total, failed,
          clock(elapsed), clock(eta));
      lastDecile = decile;
      lastLine = now;
    }
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
