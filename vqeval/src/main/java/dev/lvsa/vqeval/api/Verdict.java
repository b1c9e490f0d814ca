package dev.lvsa.vqeval.api;

import java.util.Locale;

/** A word for a 0-100 score: excellent 90+, good 70+, fair 50+, poor 30+, bad below. */
public enum Verdict {
    EXCELLENT(90),
    GOOD(70),
    FAIR(50),
    POOR(30),
    BAD(Double.NEGATIVE_INFINITY);

    private final double minScore;

    Verdict(double minScore) {
        this.minScore = minScore;
    }

    public static Verdict of(double score) {
        for (Verdict v : values()) {
            if (score >= v.minScore) {
                return v;
            }
        }
        return BAD;
    }

    /** Lower-case name as it appears in JSON and CSV. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
