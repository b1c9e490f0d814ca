package dev.lvsa.baselines.pattern;

import java.util.BitSet;
import java.util.Map;

/** A test-only provider registered in src/test/resources/META-INF/services: query q attends frames of its parity. */
public final class EveryOtherFrameProvider implements PatternProvider {
    @Override
    public String name() {
        return "test_parity";
    }

    @Override
    public String description() {
        return "test only: each query frame attends the key frames of its own parity";
    }

    @Override
    public FramePattern create(Map<String, Object> params) {
        return new FramePattern() {
            @Override
            public FrameMask mask(PatternContext context, int step) {
                int t = context.latentFrames();
                return FrameMask.of(t, q -> {
                    BitSet b = new BitSet(t);
                    for (int k = q % 2; k < t; k += 2) {
                        b.set(k);
                    }
                    return b;
                });
            }

            @Override
            public Map<String, Object> describe(PatternContext context) {
                return Map.of("type", "test_parity");
            }
        };
    }
}
