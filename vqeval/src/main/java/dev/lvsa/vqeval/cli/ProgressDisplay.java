package dev.lvsa.vqeval.cli;

import dev.lvsa.vqeval.api.FrameProgress;
import dev.lvsa.vqeval.batch.BatchRunner;
import dev.lvsa.vqeval.batch.Outcome;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr through one maintained library (me.tongfei:progressbar): a bar redrawn in place on a
 * terminal, or the same text as a plain line every 10 seconds (and at the end) for logs and pipes.
 */
final class ProgressDisplay {

    private static final int WIDTH = 120;

    private ProgressDisplay() {}

    /** A bar for {@code max} units of {@code task} ({@code max} -1: unknown). */
    static ProgressBar open(PrintWriter err, boolean redraw, String task, long max, String unit) {
        ProgressBarConsumer consumer = redraw
                ? new ConsoleProgressBarConsumer(
                        new PrintStream(new WriterStream(err), true, StandardCharsets.UTF_8), WIDTH)
                : new DelegatingProgressBarConsumer(
                        new java.util.function.Consumer<String>() {
                            private String last;

                            @Override
                            public void accept(String line) {
                                String text = line.strip();
                                if (!text.equals(last)) { // the closing render repeats the last refresh
                                    err.println("vqeval: " + text);
                                    err.flush();
                                    last = text;
                                }
                            }
                        },
                        WIDTH);
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(redraw ? 200 : 10_000)
                .setUnit(unit, 1)
                .setConsumer(consumer)
                .build();
    }

    /** A batch: videos done of all, with the failures so far. */
    static BatchRunner.Listener batch(PrintWriter err, boolean redraw) {
        return new BatchRunner.Listener() {
            private ProgressBar bar;
            private int failed;

            @Override
            public synchronized void finished(Outcome outcome, int done, int total) {
                if (bar == null) {
                    bar = open(err, redraw, "scoring", total, " videos");
                }
                failed += outcome.ok() ? 0 : 1;
                bar.stepTo(done);
                bar.setExtraMessage(failed + " failed");
                if (done == total) {
                    bar.close();
                }
            }
        };
    }

    /** One video: frames decoded of those the container lists, then the analysis. */
    static final class Frames implements FrameProgress, AutoCloseable {
        private final PrintWriter err;
        private final boolean redraw;
        private final String video;
        private ProgressBar bar;

        Frames(PrintWriter err, boolean redraw, String video) {
            this.err = err;
            this.redraw = redraw;
            this.video = video;
        }

        @Override
        public void update(String phase, int done, int total) {
            if (bar == null) {
                String name = java.nio.file.Path.of(video).getFileName().toString();
                bar = open(
                        err,
                        redraw,
                        name.length() > 32 ? name.substring(0, 29) + "..." : name,
                        total > 0 ? total : -1,
                        " frames");
            }
            bar.stepTo(done);
            bar.setExtraMessage(phase.equals("analysing") ? "analysing" : "decoding");
            if (phase.equals("analysing")) {
                bar.maxHint(done);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** Bridges the command's error writer (where tests and callers capture it) to a stream. */
    private static final class WriterStream extends OutputStream {
        private final PrintWriter w;

        WriterStream(PrintWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            w.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            w.write(new String(b, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            w.flush();
        }
    }
}
