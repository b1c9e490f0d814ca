package dev.lvsa.vqeval.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Quickselect top-k mean agrees with sorting. */
class TopKTest {

    @Property
    void meanOfLargestMatchesSorting(
            @ForAll @Size(min = 1, max = 300) List<@FloatRange(min = -50, max = 50) Float> list,
            @ForAll @IntRange(min = 1, max = 300) int k) {
        float[] values = new float[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i);
        }
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        int kk = Math.min(k, values.length);
        double expected = 0;
        for (int i = sorted.length - kk; i < sorted.length; i++) {
            expected += sorted[i];
        }
        expected /= kk;
        assertThat(TopK.meanOfLargest(values, values.length, k)).isCloseTo(expected, within(1e-4));
    }
}
