package dev.lvsa.vqeval.cli;

import dev.lvsa.common.BadInputException;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import dev.lvsa.vqeval.VqEval;
import dev.lvsa.vqeval.api.EvaluationReport;
import dev.lvsa.vqeval.api.VideoException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vqeval bench VIDEO}: times in-process evaluation (median after warm-up). */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Times the in-process evaluation of one video: warm-up runs, then timed runs; prints each "
                + "wall time and the median. (JVM start-up is not included: scripts/bench-vqeval.sh times the CLI.)")
public final class BenchCommand extends ScoringCommand {

    @Parameters(paramLabel = "VIDEO")
    String video;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs (default 5).")
    int runs;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed warm-up runs (default 1).")
    int warmup;

    @Override
    public Integer call() throws VideoException {
        if (runs < 1 || warmup < 0) {
            throw new BadInputException("--runs must be >= 1 and --warmup >= 0");
        }
        VqEval vq = scoring.build(true);
        PrintWriter out = spec.commandLine().getOut();
        EvaluationReport last = null;
        for (int i = 0; i < warmup; i++) {
            last = vq.evaluate(Path.of(video), video);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            last = vq.evaluate(Path.of(video), video);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            out.printf(Locale.ROOT, "run %d: %.0f ms%n", i + 1, ms[i]);
            out.flush();
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = runs % 2 == 1 ? sorted[runs / 2] : 0.5 * (sorted[runs / 2 - 1] + sorted[runs / 2]);
        out.printf(
                Locale.ROOT,
                "%s: %d frames %dx%d, median %.0f ms (min %.0f, max %.0f) over %d runs after %d "
                        + "warm-up, composite %.1f%n",
                video,
                last.info().frames(),
                last.info().width(),
                last.info().height(),
                median,
                sorted[0],
                sorted[runs - 1],
                runs,
                warmup,
                last.compositeScore());
        return ExitCodes.OK;
    }
}
