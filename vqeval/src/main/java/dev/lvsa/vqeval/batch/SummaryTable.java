package dev.lvsa.vqeval.batch;

import dev.lvsa.common.AtomicFiles;
import dev.lvsa.vqeval.api.Diagnostics;
import dev.lvsa.vqeval.api.DimensionResult;
import dev.lvsa.vqeval.api.EvaluationReport;
import dev.lvsa.vqeval.io.Csv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The batch's {@code summary.csv} (one row per video, scores and the main sub-metrics, status and error,
 * CSV columns carried through) and {@code failures.csv} (every failed video and its cause).
 */
public final class SummaryTable {

    private static final List<String[]> METRIC_COLUMNS = List.of(
            new String[] {"cycle_detected", "loop_quality", "cycle_detected"},
            new String[] {"cycle_period_frames", "loop_quality", "cycle_period_frames"},
            new String[] {"cycle_strength", "loop_quality", "cycle_strength"},
            new String[] {"pingpong_detected", "loop_quality", "pingpong_detected"},
            new String[] {"first_repeat_frame", "loop_quality", "first_repeat_frame"},
            new String[] {"duplicate_pair_ratio", "loop_quality", "duplicate_pair_ratio"},
            new String[] {"freeze_ratio", "loop_quality", "freeze_ratio"},
            new String[] {"freeze_onset_frame", "loop_quality", "freeze_onset_frame"},
            new String[] {"stutter_ratio", "loop_quality", "stutter_ratio"},
            new String[] {"mean_flow_pct", "temporal_dynamics", "mean_flow_pct"},
            new String[] {"motion_decay", "temporal_dynamics", "motion_decay"},
            new String[] {"ssim_mean", "frame_similarity", "ssim_mean"},
            new String[] {"first_last_ssim", "frame_similarity", "first_last_ssim"},
            new String[] {"sharpness", "spatial_quality", "sharpness"},
            new String[] {"flicker", "temporal_coherence", "flicker"},
            new String[] {"cut_ratio", "temporal_coherence", "cut_ratio"});

    private static final List<String> VBENCH = List.of(
            "subject_consistency", "background_consistency", "temporal_flicker", "motion_smoothness", "dynamic_degree");

    private SummaryTable() {}

    /** Column names for a batch whose dimensions and extra CSV columns are given. */
    public static List<String> header(List<String> dimensions, List<String> extraColumns) {
        List<String> h = new ArrayList<>(List.of(
                "id",
                "video",
                "status",
                "error",
                "frames",
                "fps",
                "width",
                "height",
                "duration_s",
                "composite_score",
                "verdict"));
        h.addAll(dimensions);
        for (String[] c : METRIC_COLUMNS) {
            h.add(c[0]);
        }
        for (String v : VBENCH) {
            h.add("vbench_" + v);
        }
        h.addAll(List.of("norepeat", "norepeat_l2", "repeat_ratio", "json"));
        for (String e : extraColumns) {
            h.add(h.contains(e) ? "input_" + e : e);
        }
        return h;
    }

    public static List<String> row(Outcome o, List<String> dimensions, List<String> extraColumns, Path outDir) {
        List<String> r = new ArrayList<>();
        r.add(o.input().id());
        r.add(o.input().shown());
        r.add(o.ok() ? "ok" : "failed");
        r.add(o.ok() ? "" : o.error());
        EvaluationReport rep = o.report();
        if (rep == null) {
            int blanks = header(dimensions, List.of()).size() - 4;
            for (int i = 0; i < blanks; i++) {
                r.add("");
            }
        } else {
            r.add(Integer.toString(rep.info().frames()));
            r.add(num(rep.info().fps()));
            r.add(Integer.toString(rep.info().width()));
            r.add(Integer.toString(rep.info().height()));
            r.add(num(rep.info().durationSeconds()));
            r.add(num(rep.compositeScore(), 1));
            r.add(rep.verdict().label());
            for (String d : dimensions) {
                DimensionResult dr = rep.dimensions().get(d);
                r.add(dr == null ? "" : num(dr.score(), 1));
            }
            for (String[] c : METRIC_COLUMNS) {
                DimensionResult dr = rep.dimensions().get(c[1]);
                Object v = dr == null
                        ? null
                        : dr.fields().containsKey(c[2])
                                ? dr.fields().get(c[2])
                                : dr.metrics().get(c[2]);
                r.add(cell(v));
            }
            Map<String, Object> vb = rep.diagnostics().vbenchLike();
            for (String v : VBENCH) {
                r.add(num(Diagnostics.number(vb, v)));
            }
            Map<String, Object> pub = rep.diagnostics().published();
            r.add(cell(pub.get("norepeat")));
            r.add(cell(pub.get("norepeat_l2")));
            r.add(cell(pub.get("repeat_ratio")));
            r.add(
                    o.json() == null
                            ? ""
                            : outDir == null
                                    ? o.json().toString()
                                    : outDir.toAbsolutePath()
                                            .relativize(o.json().toAbsolutePath())
                                            .toString());
        }
        for (String e : extraColumns) {
            r.add(o.input().extra().getOrDefault(e, ""));
        }
        return r;
    }

    /** Writes summary.csv with the finished outcomes (nulls, still running, are left out). */
    public static Path writeSummary(
            Path outDir, List<Outcome> outcomes, List<String> dimensions, List<String> extraColumns)
            throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o != null) {
                rows.add(row(o, dimensions, extraColumns, outDir));
            }
        }
        Path file = outDir.resolve("summary.csv");
        AtomicFiles.writeString(file, Csv.format(header(dimensions, extraColumns), rows));
        return file;
    }

    /** Writes failures.csv: id, video, error for every failed video (header only when none failed). */
    public static Path writeFailures(Path outDir, List<Outcome> outcomes) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o != null && !o.ok()) {
                rows.add(List.of(o.input().id(), o.input().shown(), o.error()));
            }
        }
        Path file = outDir.resolve("failures.csv");
        AtomicFiles.writeString(file, Csv.format(List.of("id", "video", "error"), rows));
        return file;
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return num(d);
        }
        if (v instanceof Float f) {
            return num(f);
        }
        return v.toString();
    }

    static String num(double v) {
        return num(v, 4);
    }

    static String num(double v, int digits) {
        if (!Double.isFinite(v)) {
            return "";
        }
        String s = String.format(Locale.ROOT, "%." + digits + "f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.equals("-0") ? "0" : s;
    }
}
