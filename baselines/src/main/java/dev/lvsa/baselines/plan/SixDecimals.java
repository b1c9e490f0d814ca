package dev.lvsa.baselines.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes a double with exactly six decimals ({@code 0.512195}, {@code 1.000000}), rounding its exact binary value
 * half-even: the same text on every JVM, and the same text after a read and a write.
 */
public final class SixDecimals extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    public SixDecimals() {
        super(Double.class);
    }

    /** The text written for {@code v}. */
    public static String format(double v) {
        return new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeNumber(format(value));
    }
}
