package dev.lvsa.vqeval.cli;

import dev.lvsa.common.AtomicFiles;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import dev.lvsa.vqeval.VqEval;
import dev.lvsa.vqeval.api.DimensionResult;
import dev.lvsa.vqeval.api.EvaluationReport;
import dev.lvsa.vqeval.api.RepeatEvent;
import dev.lvsa.vqeval.api.VideoException;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vqeval evaluate VIDEO}: one video, JSON report. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Scores one video and prints its JSON report (or writes it with --json).")
public final class EvaluateCommand extends ScoringCommand {

    @Parameters(paramLabel = "VIDEO", description = "Any video FFmpeg reads (mp4, mov, webm, mkv, avi, gif...).")
    String video;

    @Option(
            names = "--json",
            paramLabel = "OUT",
            description = "Write the JSON report here (atomically) " + "and print a one-line summary instead.")
    Path json;

    @Option(names = "--profiles", description = "Include per-frame profiles (flow, SSIM, novelty, luma) in the JSON.")
    boolean profiles;

    @Option(
            names = "--progress",
            defaultValue = "auto",
            description =
                    "Progress on stderr: ${COMPLETION-CANDIDATES} "
                            + "(default auto: a line redrawn in place on a terminal, nothing otherwise; lines: one every 10 s).")
    ProgressMode progress;

    @Option(
            names = "--min-score",
            paramLabel = "S",
            description = "Exit with 1 when the composite score is below S (for scripts and CI).")
    Double minScore;

    @Override
    public Integer call() throws IOException, VideoException {
        if (json != null) {
            requireWritableFile("--json", json);
        }
        VqEval vq = scoring.build(true);
        ProgressMode mode = progress == ProgressMode.auto
                ? (System.console() != null ? ProgressMode.bar : ProgressMode.none)
                : progress;
        ProgressDisplay.Frames line = mode == ProgressMode.none
                ? null
                : new ProgressDisplay.Frames(spec.commandLine().getErr(), mode == ProgressMode.bar, video);
        EvaluationReport report;
        try {
            report = vq.evaluate(Path.of(video), video, line);
        } finally {
            if (line != null) {
                line.close();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        String text = report.toJson(profiles);
        if (json == null) {
            out.println(text);
        } else {
            AtomicFiles.writeString(json, text + "\n");
            out.println(summary(report) + " -> " + json);
        }
        out.flush();
        if (minScore != null && report.compositeScore() < minScore) {
            spec.commandLine()
                    .getErr()
                    .printf(
                            Locale.ROOT,
                            "vqeval: %s: composite %.1f is below --min-score %.1f%n",
                            video,
                            report.compositeScore(),
                            minScore);
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    /**
     * The first replay or reversal in words: a loop (the replay covers its own source again), a single replay of
     * an earlier span, or motion running backwards.
     */
    static String describe(RepeatEvent e) {
        if (e.kind() == RepeatEvent.Kind.PINGPONG) {
            return "plays backwards from frame " + e.start() + " (turning at frame " + e.sourceStart() + ")";
        }
        if (e.end() - e.start() + 1 > e.lag()) {
            return "loops every " + e.lag() + " frames from frame " + e.start();
        }
        return "replays frames " + e.sourceStart() + "-" + (e.end() - e.lag()) + " from frame " + e.start();
    }

    /**
     * {@code v} with one decimal, as {@code String.format(Locale.ROOT, "%.1f", v)} writes it (half-up on the
     * shortest decimal form; NaN and infinities as Java writes them). The summary avoids {@link java.util.Formatter}:
     * its first use loads locale data and regular expressions, about 12 ms of a one-video run's end.
     */
    static String oneDecimal(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        String s = BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).toPlainString();
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        return negative && s.equals("0.0") ? "-0.0" : s;
    }

    static String summary(EvaluationReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.video())
                .append(": composite ")
                .append(oneDecimal(r.compositeScore()))
                .append(" (")
                .append(r.verdict().label())
                .append(')');
        for (DimensionResult d : r.dimensions().values()) {
            sb.append(", ").append(d.name()).append(' ').append(oneDecimal(d.score()));
        }
        if (r.loop() != null) {
            r.loop().events().stream()
                    .filter(e -> e.kind() != RepeatEvent.Kind.FREEZE)
                    .findFirst()
                    .ifPresent(e -> sb.append(", ").append(describe(e)));
        }
        if (r.loop() != null) {
            List<RepeatEvent> stills = r.loop().events().stream()
                    .filter(e -> e.kind() == RepeatEvent.Kind.FREEZE)
                    .toList();
            if (!stills.isEmpty()) {
                sb.append(", freezes from frame ").append(stills.get(0).start());
            }
            stills.stream()
                    .filter(e -> e.lag() != null)
                    .findFirst()
                    .ifPresent(e -> sb.append(
                            e == stills.get(0)
                                    ? " (the still cycles every " + e.lag() + " frames)"
                                    : ", the still from frame " + e.start() + " cycles every " + e.lag() + " frames"));
        }
        return sb.toString();
    }
}
