package dev.lvsa.vqeval.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Which lag a replay line reports when several lags line up about as well: a shorter period only when the best lag
 * is a multiple of it (a loop of period 20 also lines up at 40), never a nearby lag of a replay whose lag stretches.
 */
class FundamentalLagTest {

    /** Line costs over lags 0..n-1: high everywhere, with valleys of the given depths at the given lags. */
    private static double[] costs(int n, int[] lags, double[] depths) {
        double[] c = new double[n];
        Arrays.fill(c, 10.0);
        for (int i = 0; i < lags.length; i++) {
            c[lags[i]] = depths[i];
        }
        return c;
    }

    @Test
    void aLoopReportsItsPeriodNotItsMultiple() {
        // period 20: the line at 40 fits a little better, 20 about as well
        assertEquals(20, LineCosts.fundamental(costs(100, new int[] {20, 40, 60}, new double[] {1.2, 1.0, 1.1})));
    }

    @Test
    void aStretchingReplayKeepsItsBestLag() {
        // one replay whose lag grows from 220 to 250 along its length: valleys at both ends, 250 the best
        assertEquals(250, LineCosts.fundamental(costs(300, new int[] {220, 250}, new double[] {1.2, 1.0})));
    }

    @Test
    void aMuchWorseShorterLagIsNoPeriod() {
        assertEquals(40, LineCosts.fundamental(costs(100, new int[] {20, 40}, new double[] {6.0, 1.0})));
    }

    @Property
    void divisorsWithinTheLineToleranceCount(
            @ForAll @IntRange(min = 5, max = 300) int period, @ForAll @IntRange(min = 2, max = 6) int k) {
        assertTrue(LineCosts.dividesNearly(period, k * period));
        assertTrue(LineCosts.dividesNearly(period, k * period + 2));
        assertFalse(LineCosts.dividesNearly(period, period));
    }

    @Property
    void lagsBetweenMultiplesDoNotCount(@ForAll @IntRange(min = 30, max = 300) int period) {
        assertFalse(LineCosts.dividesNearly(period, period + period / 2)); // 1.5 times
        assertFalse(LineCosts.dividesNearly(period, (int) Math.round(period * 1.15))); // 220 against 250-ish
    }
}
