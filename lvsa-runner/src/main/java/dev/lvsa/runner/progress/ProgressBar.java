package dev.lvsa.runner.progress;

import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.ScoreRow;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Progress on stderr. {@link Mode#BAR}: one line redrawn in place ({@code \r}) with jobs done/total, the running
 * jobs' denoising steps, elapsed time and an estimate of the time left; finished jobs are printed above it.
 * {@link Mode#PLAIN}: one line per event, for logs and pipes (no step lines). The estimate assumes the remaining
 * jobs take as long as the ones finished in this run since its first job started (worker start-up excluded; steps
 * of running jobs count as fractions of a job).
 */
public final class ProgressBar implements RunListener {
    /** How to show progress. */
    public enum Mode {
        BAR,
        PLAIN,
        NONE
    }

    private static final int BAR_WIDTH = 24;
    private static final long REDRAW_NS = 200_000_000L;

    private final PrintStream out;
    private final Mode mode;
    private final LongSupplier nanoTime;
    private final Map<String, double[]> running = new LinkedHashMap<>();
    private final Map<String, String> runningLabel = new LinkedHashMap<>();
    private int total;
    private int doneBefore;
    private int finished;
    private long startNs;
    private long firstJobNs = -1;
    private long lastDrawNs;
    private boolean barShown;

    public ProgressBar(PrintStream out, Mode mode, LongSupplier nanoTime) {
        this.out = out;
        this.mode = mode;
        this.nanoTime = nanoTime;
    }

    public ProgressBar(PrintStream out, Mode mode) {
        this(out, mode, System::nanoTime);
    }

    /** BAR when a console is attached, else PLAIN. */
    public static Mode autoMode() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM")) ? Mode.BAR : Mode.PLAIN;
    }

    @Override
    public synchronized void runStarted(int total, int done, int workers) {
        this.total = total;
        this.doneBefore = done;
        this.startNs = nanoTime.getAsLong();
        line(String.format(
                Locale.ROOT,
                "%d jobs: %d finished earlier, %d to run on %d worker%s",
                total,
                done,
                total - done,
                workers,
                workers == 1 ? "" : "s"));
    }

    @Override
    public synchronized void jobStarted(JobRow job, String worker, long workerPid, int attempt) {
        if (firstJobNs < 0) {
            firstJobNs = nanoTime.getAsLong();
        }
        running.put(job.jobId(), new double[] {0, job.steps()});
        runningLabel.put(job.jobId(), job.variant() + " " + job.frames() + "f");
        if (mode == Mode.PLAIN) {
            line(String.format(
                    Locale.ROOT,
                    "[%d/%d] start %s on %s%s",
                    doneBefore + finished + 1,
                    total,
                    job.label(),
                    worker,
                    attempt > 1 ? " (attempt " + attempt + ")" : ""));
        }
        draw(true);
    }

    @Override
    public synchronized void jobProgress(JobRow job, String worker, int step, int steps) {
        running.put(job.jobId(), new double[] {step, steps});
        draw(false);
    }

    @Override
    public synchronized void jobFinished(JobRow job, String status, String message, double seconds) {
        running.remove(job.jobId());
        runningLabel.remove(job.jobId());
        finished++;
        String tail = status.equals("ok") ? "" : ": " + message;
        line(String.format(
                Locale.ROOT,
                "[%d/%d] %s %s (%.1f s)%s",
                doneBefore + finished,
                total,
                status,
                job.label(),
                seconds,
                tail));
        draw(true);
    }

    @Override
    public synchronized void jobRetried(JobRow job, String reason) {
        running.remove(job.jobId());
        runningLabel.remove(job.jobId());
        line("retrying " + job.label() + ": " + reason);
        draw(true);
    }

    @Override
    public synchronized void scored(JobRow job, ScoreRow score) {
        if (score.status().equals("ok")) {
            line(String.format(
                    Locale.ROOT,
                    "scored %s: composite %.1f, loop_quality %.1f",
                    job.label(),
                    score.composite(),
                    score.loopQuality() == null ? Double.NaN : score.loopQuality()));
        } else {
            line("scoring failed for " + job.label() + ": " + score.message());
        }
        draw(true);
    }

    @Override
    public synchronized void note(String message) {
        line(message);
        draw(true);
    }

    @Override
    public synchronized void runFinished() {
        if (barShown) {
            out.print("\r\033[K");
            barShown = false;
        }
        out.flush();
    }

    /** The bar's text (without control characters), for tests and the plain mode. */
    synchronized String barText() {
        double partial = 0;
        StringBuilder steps = new StringBuilder();
        for (Map.Entry<String, double[]> e : running.entrySet()) {
            double[] s = e.getValue();
            partial += s[1] > 0 ? s[0] / s[1] : 0;
            if (steps.length() > 0) {
                steps.append(", ");
            }
            steps.append(runningLabel.get(e.getKey()))
                    .append(" step ")
                    .append((int) s[0])
                    .append('/')
                    .append((int) s[1]);
        }
        int done = doneBefore + finished;
        double frac = total == 0 ? 1 : Math.min(1, (done + partial) / total);
        int filled = (int) Math.round(frac * BAR_WIDTH);
        String bar = "[" + "=".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "]";
        long now = nanoTime.getAsLong();
        double elapsed = (now - startNs) / 1e9;
        double working = firstJobNs < 0 ? 0 : (now - firstJobNs) / 1e9;
        double progressed = finished + partial;
        double remaining = total - done - partial;
        String left = progressed > 0 ? "~" + clock(working / progressed * remaining) + " left" : "time left: ?";
        return String.format(
                Locale.ROOT,
                "%s %d/%d jobs%s | %s elapsed, %s",
                bar,
                done,
                total,
                steps.length() > 0 ? " | " + steps : "",
                clock(elapsed),
                left);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private void line(String text) {
        if (mode == Mode.NONE) {
            return;
        }
        if (barShown) {
            out.print("\r\033[K");
            barShown = false;
        }
        out.println(text);
        out.flush();
    }

    private void draw(boolean force) {
        if (mode != Mode.BAR) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (!force && now - lastDrawNs < REDRAW_NS) {
            return;
        }
        lastDrawNs = now;
        out.print("\r\033[K" + barText());
        out.flush();
        barShown = true;
    }
}
