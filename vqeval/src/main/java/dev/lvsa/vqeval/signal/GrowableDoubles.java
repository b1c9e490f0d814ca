package dev.lvsa.vqeval.signal;

import java.util.Arrays;

/** An append-only list of doubles. */
final class GrowableDoubles {
    private double[] values = new double[256];
    private int size;

    void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    void set(int i, double v) {
        while (size <= i) {
            add(Double.NaN);
        }
        values[i] = v;
    }

    double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
