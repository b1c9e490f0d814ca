package dev.lvsa.vqeval.signal;

/** Mean of the largest values of an array, by quickselect (no full sort). */
public final class TopK {

    private TopK() {}

    /**
     * Mean of the {@code k} largest of the first {@code n} values. Reorders {@code values}.
     */
    public static double meanOfLargest(float[] values, int n, int k) {
        if (n <= 0) {
            return Double.NaN;
        }
        k = Math.max(1, Math.min(k, n));
        int target = n - k; // after selection, [target, n) holds the k largest
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            float pivot = median3(values[lo], values[(lo + hi) >>> 1], values[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = values[i];
                    values[i] = values[j];
                    values[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                break;
            }
        }
        double sum = 0;
        for (int x = target; x < n; x++) {
            sum += values[x];
        }
        return sum / k;
    }

    /** Number of values making up the top {@code fraction} of {@code n}, at least 1. */
    public static int count(int n, double fraction) {
        return Math.max(1, (int) Math.ceil(n * fraction));
    }

    private static float median3(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
