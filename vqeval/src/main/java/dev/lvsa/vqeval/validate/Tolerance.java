package dev.lvsa.vqeval.validate;

/**
 * How far a found period may be from the labelled one: a number of frames ({@code "2"}) or a share of the
 * labelled period ({@code "10%"}).
 */
public record Tolerance(double value, boolean relative) {

    public static Tolerance parse(String s) {
        String t = s.trim();
        try {
            if (t.endsWith("%")) {
                return new Tolerance(Double.parseDouble(t.substring(0, t.length() - 1)) / 100, true);
            }
            return new Tolerance(Double.parseDouble(t), false);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "tolerance '" + s + "' is neither frames (e.g. 2) nor a share (e.g. 10%)");
        }
    }

    public boolean accepts(int found, int labelled) {
        double limit = relative ? value * labelled : value;
        return Math.abs(found - labelled) <= limit + 1e-9;
    }

    @Override
    public String toString() {
        return relative ? Math.round(value * 100) + "%" : Long.toString(Math.round(value)) + " frames";
    }
}
