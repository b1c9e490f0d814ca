package dev.lvsa.reports;

import dev.lvsa.datasets.reference.PaperMeans;
import dev.lvsa.datasets.synthetic.ClipKind;
import dev.lvsa.datasets.synthetic.Mp4Writer;
import dev.lvsa.datasets.synthetic.SyntheticSet;
import dev.lvsa.reports.run.ExportCsv;
import dev.lvsa.reports.run.RunGrid;
import dev.lvsa.reports.table.PaperLookup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hand-made runs the tests read. {@code full_run_export.csv}: 2 models (Wan 2.1 1.3B at 1x/2x/4x,
 * HunyuanVideo 1.5 at 1x/1.5x/2x) x 4 methods x 2 prompts, with these gaps:
 * <ul>
 *   <li>Wan RIFLEx 4x: no job at all (a missing cell);</li>
 *   <li>Wan UltraViCo 4x: both jobs pending;</li>
 *   <li>HunyuanVideo dense and RIFLEx 2x: both jobs out of memory;</li>
 *   <li>HunyuanVideo UltraViCo 1.5x: one error, one timeout; 2x: no job;</li>
 *   <li>HunyuanVideo RIFLEx and UltraViCo: latencies but no VQeval scores.</li>
 * </ul>
 * Every other cell has two successful jobs whose figures differ, so the tables show their mean.
 */
public final class TestRuns {

    public static final String WAN = "wan2.1-t2v-1.3b";
    public static final String HV = "hunyuanvideo-1.5-480p";

    private TestRuns() {}

    public static String fullRunCsv() {
        return resource("full_run_export.csv");
    }

    public static ExportCsv.Result fullRun() {
        return ExportCsv.parse(fullRunCsv(), "full_run_export.csv");
    }

    public static RunGrid fullGrid() {
        return new RunGrid(fullRun().jobs());
    }

    public static PaperLookup paper(RunGrid grid) {
        return new PaperLookup(PaperMeans.load(), grid);
    }

    /** The two plan files of {@code density_run/} (tiny-wan, {@code {method: lvsa, window: 2}}, 4 steps). */
    public static final String PLAN_65 = "plans/tiny-wan_lvsa-window-2-_65f_64x96_4st.json";

    public static final String PLAN_129 = "plans/tiny-wan_lvsa-window-2-_129f_64x96_4st.json";

    /**
     * Copies {@code density_run/} into {@code dir} and returns {@code dir}: a tiny-wan run folder with
     * {@code export.csv} and the planner's plan files of {@code {method: lvsa, window: 2}} at 65 frames (expected
     * mean frame density 0.558824) and 129 frames (0.287879). Its jobs: dense at 33 frames (its plan file absent: only
     * LVSA plans are read); at 65 frames one job that realised its plan (0.5588235..., within rounding), one that
     * did not (0.6103, <b>the mismatch</b>) and a pending one; at 129 frames a timed-steps job (2 of 4 steps: steps 0
     * and 3, realised 0.272727, not its plan's all-step 0.287879, and <b>not</b> a mismatch); at 193 frames a job
     * that timed out and whose plan file is missing.
     */
    public static Path densityRun(Path dir) {
        try {
            Files.createDirectories(dir.resolve("plans"));
            for (String f : new String[] {"export.csv", PLAN_65, PLAN_129}) {
                Files.writeString(dir.resolve(f), resource("density_run/" + f));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jobs of the full run whose method is {@code method} only (a one-method partial run). */
    public static String oneMethodCsv(String method) {
        String[] lines = fullRunCsv().split("\n");
        StringBuilder sb = new StringBuilder(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].split(",")[2].equals(method)) {
                sb.append(lines[i]).append('\n');
            }
        }
        return sb.toString();
    }

    /** Writes a small synthetic clip of a kind (deterministic for the seed) and returns its path. */
    public static Path clip(Path dir, String name, ClipKind kind, long seed) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            new SyntheticSet(96, 64, Mp4Writer.Codec.H264).generateClip(file, kind, seed, name);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = TestRuns.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
