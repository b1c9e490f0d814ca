package dev.lvsa.datasets.synthetic;

import java.util.List;
import java.util.Locale;

/**
 * VQeval's figures on the labelled synthetic set: loop-vs-clean AUROC on loop_quality, period accuracy
 * on looped clips, freeze-onset error, and false alarms on clean and stutter clips, with the issue's
 * targets.
 */
public final class Validation {

    /** Targets from the issue. */
    public static final double AUROC_TARGET = 0.98;

    public static final double PERIOD_TARGET = 0.95;
    public static final int PERIOD_TOLERANCE = 2;
    public static final int ONSET_TOLERANCE = 4;

    /** What VQeval said about one labelled clip. */
    public record Scored(
            ClipLabel label,
            double loopQuality,
            boolean cycleDetected,
            Integer periodFound,
            Integer freezeOnsetFound,
            double stutterRatio,
            double freezeRatio,
            double composite) {}

    /** The figures. */
    public record Figures(
            double auroc,
            int loops,
            int clean,
            long periodHits,
            double periodAccuracy,
            int freezes,
            int worstOnsetError,
            long cleanFlagged,
            long stutterWithCycle,
            int stutters,
            double meanStutterRatio,
            double meanCleanStutterRatio) {

        public boolean meetsTargets() {
            return auroc >= AUROC_TARGET && periodAccuracy >= PERIOD_TARGET && worstOnsetError <= ONSET_TOLERANCE;
        }

        public String summary() {
            return String.format(
                    Locale.ROOT,
                    """
          loop-vs-clean AUROC (loop_quality): %.3f  (target >= %.2f; %d loops, %d clean)
          period within +-%d frames: %d/%d = %.1f%%  (target >= %.0f%%)
          freeze onset: worst error %s frames over %d freezes  (target <= %d)
          clean clips with a cycle or freeze: %d/%d; stutter clips with a cycle: %d/%d, mean stutter_ratio %.2f (clean %.3f)
          """,
                    auroc,
                    AUROC_TARGET,
                    loops,
                    clean,
                    PERIOD_TOLERANCE,
                    periodHits,
                    loops,
                    100 * periodAccuracy,
                    100 * PERIOD_TARGET,
                    worstOnsetError == Integer.MAX_VALUE ? "missed" : Integer.toString(worstOnsetError),
                    freezes,
                    ONSET_TOLERANCE,
                    cleanFlagged,
                    clean,
                    stutterWithCycle,
                    stutters,
                    meanStutterRatio,
                    meanCleanStutterRatio);
        }
    }

    private Validation() {}

    public static Figures figures(List<Scored> rows) {
        List<Scored> loops = of(rows, ClipKind.Category.LOOP);
        List<Scored> clean = of(rows, ClipKind.Category.CLEAN);
        List<Scored> freezes = of(rows, ClipKind.Category.FREEZE);
        List<Scored> stutters = of(rows, ClipKind.Category.STUTTER);
        double auroc = auroc(
                loops.stream().mapToDouble(r -> 100 - r.loopQuality()).toArray(),
                clean.stream().mapToDouble(r -> 100 - r.loopQuality()).toArray());
        long hits = loops.stream()
                .filter(r -> r.periodFound() != null
                        && Math.abs(r.periodFound() - r.label().periodFrames()) <= PERIOD_TOLERANCE)
                .count();
        int worst = freezes.stream()
                .mapToInt(r -> r.freezeOnsetFound() == null
                        ? Integer.MAX_VALUE
                        : Math.abs(r.freezeOnsetFound() - r.label().freezeOnsetFrame()))
                .max()
                .orElse(0);
        long cleanFlagged = clean.stream()
                .filter(r -> r.cycleDetected() || r.freezeRatio() > 0.1)
                .count();
        return new Figures(
                auroc,
                loops.size(),
                clean.size(),
                hits,
                loops.isEmpty() ? 1 : (double) hits / loops.size(),
                freezes.size(),
                worst,
                cleanFlagged,
                stutters.stream().filter(Scored::cycleDetected).count(),
                stutters.size(),
                stutters.stream().mapToDouble(Scored::stutterRatio).average().orElse(0),
                clean.stream().mapToDouble(Scored::stutterRatio).average().orElse(0));
    }

    /** One line per clip: truth against findings. */
    public static String table(List<Scored> rows) {
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "%-22s %-8s %6s %6s %7s %7s %6s %6s %6s%n",
                "clip",
                "class",
                "period",
                "found",
                "onset",
                "found",
                "loopQ",
                "stutt",
                "comp"));
        for (Scored r : rows) {
            ClipLabel l = r.label();
            sb.append(String.format(
                    Locale.ROOT,
                    "%-22s %-8s %6s %6s %7s %7s %6.1f %6.2f %6.1f%n",
                    l.file(),
                    l.category().name().toLowerCase(Locale.ROOT),
                    str(l.periodFrames()),
                    str(r.periodFound()),
                    str(l.freezeOnsetFrame()),
                    str(r.freezeOnsetFound()),
                    r.loopQuality(),
                    r.stutterRatio(),
                    r.composite()));
        }
        for (ClipKind k : ClipKind.values()) {
            List<Scored> ofKind =
                    rows.stream().filter(r -> r.label().kind() == k).toList();
            if (!ofKind.isEmpty()) {
                sb.append(String.format(
                        Locale.ROOT,
                        "  %-11s mean loop_quality %5.1f  mean composite %5.1f%n",
                        k.label(),
                        ofKind.stream()
                                .mapToDouble(Scored::loopQuality)
                                .average()
                                .orElse(0),
                        ofKind.stream().mapToDouble(Scored::composite).average().orElse(0)));
            }
        }
        return sb.toString();
    }

    /** Probability that a random positive scores above a random negative (ties count half): vqeval's own. */
    public static double auroc(double[] positives, double[] negatives) {
        return dev.lvsa.vqeval.validate.Validation.auroc(
                java.util.Arrays.stream(positives).boxed().toList(),
                java.util.Arrays.stream(negatives).boxed().toList());
    }

    private static List<Scored> of(List<Scored> rows, ClipKind.Category c) {
        return rows.stream().filter(r -> r.label().category() == c).toList();
    }

    private static String str(Integer v) {
        return v == null ? "-" : v.toString();
    }
}
