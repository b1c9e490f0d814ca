package dev.lvsa.reports.run;

import dev.lvsa.datasets.reference.PaperMeans;
import java.math.BigDecimal;

/** A generated length as a multiple of the model's training length: 1x, 1.5x, 4x. */
public record Horizon(double factor) implements Comparable<Horizon> {

    public Horizon {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("horizon must be a positive number, got " + factor);
        }
    }

    /** Parses {@code 4}, {@code 4x}, {@code 4.0}, {@code 1.5X}; null when the text is none of these. */
    public static Horizon parse(String text) {
        double h = PaperMeans.parseHorizon(text);
        return Double.isNaN(h) ? null : new Horizon(h);
    }

    /** {@code 4x}, {@code 1.5x}. */
    public String label() {
        return BigDecimal.valueOf(factor).stripTrailingZeros().toPlainString() + "x";
    }

    @Override
    public int compareTo(Horizon o) {
        return Double.compare(factor, o.factor);
    }

    @Override
    public String toString() {
        return label();
    }
}
