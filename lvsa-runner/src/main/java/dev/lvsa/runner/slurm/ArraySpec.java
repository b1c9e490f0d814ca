package dev.lvsa.runner.slurm;

import java.util.List;
import java.util.TreeSet;

/** Slurm's {@code --array} index list, with runs compressed: {@code [0,1,2,3,5,7,8]} -> {@code 0-3,5,7-8}. */
final class ArraySpec {
    private ArraySpec() {}

    static String of(List<Integer> indices) {
        TreeSet<Integer> s = new TreeSet<>(indices);
        StringBuilder b = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int i : s) {
            if (start == null) {
                start = i;
            } else if (i != prev + 1) {
                append(b, start, prev);
                start = i;
            }
            prev = i;
        }
        if (start != null) {
            append(b, start, prev);
        }
        return b.toString();
    }

    private static void append(StringBuilder b, int start, int end) {
        if (b.length() > 0) {
            b.append(',');
        }
        b.append(start);
        if (end > start) {
            b.append('-').append(end);
        }
    }
}
