package dev.lvsa.vqeval.validate;

import dev.lvsa.vqeval.api.EvaluationReport;
import dev.lvsa.vqeval.api.LoopFindings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * VQeval's verdicts against labels: loop-and-freeze vs clean AUROC on loop_quality, whether each loop is
 * flagged with its period and onset, each freeze with its onset, and no clean video flagged. Every
 * disagreement is kept with its reason.
 */
public final class Validation {

    /** What is judged and how strictly. */
    public record Rules(
            double flagBelow,
            Tolerance period,
            int loopOnsetFrames,
            int freezeOnsetFrames,
            double minAuroc,
            double minHitRate) {

        public static Rules defaults() {
            return new Rules(50, Tolerance.parse("10%"), 24, 24, 0.97, 1.0);
        }
    }

    /** One video: its label and what VQeval said (or the error that stopped it). */
    public record Row(
            Label label,
            Double loopQuality,
            Integer period,
            Integer firstRepeat,
            Integer freezeOnset,
            String error,
            List<String> disagreements) {}

    /** A check over a class of videos: how many were judged and how many agreed. */
    public record Check(String name, int judged, int agreed) {
        public double rate() {
            return judged == 0 ? 1.0 : (double) agreed / judged;
        }
    }

    /** The figures. */
    public record Figures(double auroc, int positives, int negatives, List<Check> checks, List<Row> rows, Rules rules) {

        public boolean meetsGoals() {
            return (Double.isNaN(auroc) || auroc >= rules.minAuroc())
                    && checks.stream().allMatch(c -> c.rate() >= rules.minHitRate())
                    && rows.stream().noneMatch(r -> r.error() != null);
        }

        public String summary() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(
                    Locale.ROOT,
                    "AUROC of loop_quality, loop+freeze vs clean: %s (%d vs %d; goal >= %.2f)%n",
                    Double.isNaN(auroc) ? "n/a" : String.format(Locale.ROOT, "%.3f", auroc),
                    positives,
                    negatives,
                    rules.minAuroc()));
            for (Check c : checks) {
                sb.append(String.format(Locale.ROOT, "%-44s %d/%d%n", c.name(), c.agreed(), c.judged()));
            }
            return sb.toString();
        }

        /** One line per video; the name column is as wide as the longest name (at least 32). */
        public String table() {
            int width = 32;
            for (Row r : rows) {
                width = Math.max(width, r.label().file().length());
            }
            String line = "%-" + width + "s %-7s %6s %13s %13s  %s%n";
            StringBuilder sb = new StringBuilder(String.format(
                    Locale.ROOT, line, "video", "label", "loopQ", "period l/f", "onset l/f", "disagreements"));
            for (Row r : rows) {
                Integer onsetFound = r.label().kind() == Label.Kind.FREEZE ? r.freezeOnset() : r.firstRepeat();
                sb.append(String.format(
                        Locale.ROOT,
                        line,
                        r.label().file(),
                        r.label().word(),
                        r.loopQuality() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.loopQuality()),
                        str(r.label().periodFrames()) + "/" + str(r.period()),
                        str(r.label().onsetFrame()) + "/" + str(onsetFound),
                        r.error() != null
                                ? "ERROR " + r.error()
                                : r.disagreements().isEmpty() ? "ok" : String.join("; ", r.disagreements())));
            }
            return sb.toString();
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("auroc", Double.isNaN(auroc) ? null : auroc);
            m.put("positives", positives);
            m.put("negatives", negatives);
            List<Map<String, Object>> cs = new ArrayList<>();
            for (Check c : checks) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("check", c.name());
                o.put("judged", c.judged());
                o.put("agreed", c.agreed());
                cs.add(o);
            }
            m.put("checks", cs);
            m.put("goals_met", meetsGoals());
            // insertion-ordered maps: the same validation writes the same JSON, key for key
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("flag_below", rules.flagBelow());
            rule.put("period_tolerance", rules.period().toString());
            rule.put("loop_onset_frames", rules.loopOnsetFrames());
            rule.put("freeze_onset_frames", rules.freezeOnsetFrames());
            rule.put("min_auroc", rules.minAuroc());
            rule.put("min_hit_rate", rules.minHitRate());
            m.put("rules", rule);
            List<Map<String, Object>> rs = new ArrayList<>();
            for (Row r : rows) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("file", r.label().file());
                o.put("label", r.label().word());
                o.put("loop_quality", r.loopQuality());
                o.put("period_labelled", r.label().periodFrames());
                o.put("period_found", r.period());
                o.put("onset_labelled", r.label().onsetFrame());
                o.put("first_repeat_found", r.firstRepeat());
                o.put("freeze_onset_found", r.freezeOnset());
                o.put("error", r.error());
                o.put("disagreements", r.disagreements());
                rs.add(o);
            }
            m.put("videos", rs);
            return m;
        }
    }

    private Validation() {}

    /** Judges each labelled video by its report ({@code null} with {@code errors[i]} set when it failed). */
    public static Figures judge(List<Label> labels, List<EvaluationReport> reports, List<String> errors, Rules rules) {
        Tally tally = new Tally(rules);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            Label l = labels.get(i);
            EvaluationReport r = reports.get(i);
            rows.add(r == null ? new Row(l, null, null, null, null, errors.get(i), List.of()) : tally.judge(l, r));
        }
        return new Figures(
                auroc(tally.pos, tally.neg), tally.pos.size(), tally.neg.size(), tally.checks(), rows, rules);
    }

    /** The counts of every check as videos are judged ({judged, agreed}), and the AUROC's scores. */
    private static final class Tally {
        private final Rules rules;
        private final int[] loopsFlagged = new int[2];
        private final int[] periods = new int[2];
        private final int[] loopOnsets = new int[2];
        private final int[] freezesFlagged = new int[2];
        private final int[] freezeOnsets = new int[2];
        private final int[] cleanOk = new int[2];
        private final List<Double> pos = new ArrayList<>();
        private final List<Double> neg = new ArrayList<>();

        Tally(Rules rules) {
            this.rules = rules;
        }

        /** One video's row, counted in the checks of its label's class. */
        Row judge(Label l, EvaluationReport r) {
            double q = r.dimension("loop_quality").score();
            LoopFindings f = r.loop();
            List<String> why = new ArrayList<>();
            boolean flagged = q < rules.flagBelow();
            switch (l.kind()) {
                case LOOP -> {
                    pos.add(100 - q);
                    count(
                            loopsFlagged,
                            flagged,
                            why,
                            String.format(Locale.ROOT, "loop not flagged (loop_quality %.1f)", q));
                    judgeLoop(l, f, rules, why, periods, loopOnsets);
                }
                case FREEZE -> {
                    pos.add(100 - q);
                    count(
                            freezesFlagged,
                            flagged,
                            why,
                            String.format(Locale.ROOT, "freeze not flagged (loop_quality %.1f)", q));
                    judgeFreezeOnset(l, f, rules, why, freezeOnsets);
                }
                case CLEAN -> {
                    neg.add(100 - q);
                    count(
                            cleanOk,
                            !flagged,
                            why,
                            String.format(Locale.ROOT, "clean video flagged (loop_quality %.1f)", q));
                }
                case OTHER -> {
                    // listed, not judged
                }
            }
            return new Row(l, q, f.cyclePeriodFrames(), f.firstRepeatFrame(), f.freezeOnsetFrame(), null, why);
        }

        List<Check> checks() {
            return List.of(
                    new Check(
                            "loops flagged (loop_quality < " + fmt(rules.flagBelow()) + ")",
                            loopsFlagged[0],
                            loopsFlagged[1]),
                    new Check("loop periods within " + rules.period(), periods[0], periods[1]),
                    new Check(
                            "loop onsets within " + rules.loopOnsetFrames() + " frames", loopOnsets[0], loopOnsets[1]),
                    new Check("freezes flagged", freezesFlagged[0], freezesFlagged[1]),
                    new Check(
                            "freeze onsets within " + rules.freezeOnsetFrames() + " frames",
                            freezeOnsets[0],
                            freezeOnsets[1]),
                    new Check("clean videos not flagged", cleanOk[0], cleanOk[1]));
        }
    }

    /** A labelled loop's period and onset (where labelled) against the findings. */
    private static void judgeLoop(
            Label l, LoopFindings f, Rules rules, List<String> why, int[] periods, int[] loopOnsets) {
        if (l.periodFrames() != null) {
            boolean hit =
                    f.cyclePeriodFrames() != null && rules.period().accepts(f.cyclePeriodFrames(), l.periodFrames());
            count(periods, hit, why, "period " + str(f.cyclePeriodFrames()) + ", labelled " + l.periodFrames());
        }
        if (l.onsetFrame() != null) {
            boolean hit = f.firstRepeatFrame() != null
                    && Math.abs(f.firstRepeatFrame() - l.onsetFrame()) <= rules.loopOnsetFrames();
            count(loopOnsets, hit, why, "first repeat " + str(f.firstRepeatFrame()) + ", labelled " + l.onsetFrame());
        }
    }

    /** A labelled freeze's onset (where labelled) against the findings. */
    private static void judgeFreezeOnset(Label l, LoopFindings f, Rules rules, List<String> why, int[] freezeOnsets) {
        if (l.onsetFrame() != null) {
            boolean hit = f.freezeOnsetFrame() != null
                    && Math.abs(f.freezeOnsetFrame() - l.onsetFrame()) <= rules.freezeOnsetFrames();
            count(freezeOnsets, hit, why, "freeze onset " + str(f.freezeOnsetFrame()) + ", labelled " + l.onsetFrame());
        }
    }

    private static void count(int[] c, boolean agreed, List<String> why, String disagreement) {
        c[0]++;
        if (agreed) {
            c[1]++;
        } else {
            why.add(disagreement);
        }
    }

    /** Probability that a random positive scores above a random negative (ties count half); NaN if a side is empty. */
    public static double auroc(List<Double> positives, List<Double> negatives) {
        if (positives.isEmpty() || negatives.isEmpty()) {
            return Double.NaN;
        }
        double wins = 0;
        for (double p : positives) {
            for (double n : negatives) {
                wins += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }
        return wins / ((double) positives.size() * negatives.size());
    }

    private static String str(Integer v) {
        return v == null ? "-" : v.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
