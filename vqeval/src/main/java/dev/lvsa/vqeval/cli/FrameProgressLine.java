package dev.lvsa.vqeval.cli;

import dev.lvsa.vqeval.api.FrameProgress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * One video's progress on stderr: a line redrawn in place on a terminal (at most five times a second),
 * or a plain line every 10 seconds for logs.
 */
final class FrameProgressLine implements FrameProgress {

  private final PrintWriter err;
  private final String video;
  private final boolean redraw;
  private final long start = System.nanoTime();
  private long last;
  private int width;

  FrameProgressLine(PrintWriter err, String video, boolean redraw) {
    this.err = err;
    this.video = video;
    this.redraw = redraw;
  }

  @Override
  public void update(String phase, int done, int total) {
    long now = System.nanoTime();
    boolean phaseEnd = phase.equals("analysing");
    if (!phaseEnd && now - last < (redraw ? 200_000_000L : 10_000_000_000L)) {
      return;
    }
    last = now;
    double elapsed = (now - start) / 1e9;
    String text = phaseEnd
        ? String.format(Locale.ROOT, "vqeval: %s: %d frames decoded in %.0f s, analysing repeats", video, done, elapsed)
        : total > 0
            ? String.format(Locale.ROOT, "vqeval: %s: decoding frame %d of %d (%d%%), %.0f s", video, done, total,
                Math.min(100, 100L * done / total), elapsed)
            : String.format(Locale.ROOT, "vqeval: %s: decoding frame %d, %.0f s", video, done, elapsed);
    if (redraw) {
      err.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
      width = text.length();
    } else {
      err.println(text);
    }
    err.flush();
  }

  /** Clears the redrawn line. */
  void done() {
    if (redraw && width > 0) {
      err.print("\r" + " ".repeat(width) + "\r");
      err.flush();
    }
  }
}
