package dev.lvsa.baselines.cli;

import dev.lvsa.baselines.method.AttentionMethod;
import dev.lvsa.baselines.method.DenseMethod;
import dev.lvsa.baselines.method.LvsaMethod;
import dev.lvsa.baselines.method.PatternMethod;
import dev.lvsa.baselines.method.RiflexMethod;
import dev.lvsa.baselines.method.UltraVicoMethod;
import dev.lvsa.baselines.pattern.LvsaParams;
import dev.lvsa.baselines.pattern.PatternSpec;
import dev.lvsa.common.BadInputException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which method and its knobs. Knobs of another method than the one chosen are an error, not silently ignored. */
public final class MethodOptions {
    static final List<String> METHODS = List.of("dense", "riflex", "ultravico", "lvsa");

    @Option(names = "--method", paramLabel = "NAME", description = "dense, riflex, ultravico or lvsa (default lvsa)")
    String method;

    @Option(
            names = "--pattern",
            paramLabel = "SPEC",
            description = "a user pattern instead of --method: a spec JSON file, or TYPE[:key=value,...] "
                    + "(e.g. window:half_width=4,mode=shift)")
    String pattern;

    @Option(names = "--window", paramLabel = "W", description = "LVSA window half-width in latent frames (default 3)")
    Integer window;

    @Option(names = "--n-first", paramLabel = "N", description = "LVSA leading anchors in latent frames (default 1)")
    Integer nFirst;

    @Option(names = "--kfi", paramLabel = "auto|N", description = "LVSA key-frame interval (default auto)")
    String kfi;

    @Option(names = "--no-rotation", description = "LVSA: keep the periodic anchors fixed (offset 0 at every step)")
    boolean noRotation;

    @Option(names = "--sparsity-scale", paramLabel = "S", description = "LVSA budget multiplier (default 1.0)")
    Double sparsityScale;

    @Option(names = "--no-expand-window", description = "LVSA: do not grow the window past anchors")
    boolean noExpandWindow;

    @Option(
            names = "--riflex-n",
            paramLabel = "N",
            description = "RIFLEx: latent frame where repetition starts (default: the training horizon)")
    Integer riflexN;

    @Option(
            names = "--riflex-k",
            paramLabel = "K",
            description = "RIFLEx: 1-based frequency index (default: the worker picks it from the model's RoPE)")
    Integer riflexK;

    @Option(names = "--riflex-scale", paramLabel = "S", description = "RIFLEx: new frequency scale (default 0.9)")
    Double riflexScale;

    @Option(names = "--alpha", paramLabel = "A", description = "UltraViCo: logit decay in (0,1) (default 0.9)")
    Double alpha;

    /** The method the options describe. */
    AttentionMethod toMethod() {
        if (pattern != null) {
            if (method != null) {
                throw new BadInputException("--method and --pattern: give one of them");
            }
            rejectKnobs("a --pattern", lvsaKnobs(), riflexKnobs(), ultravicoKnobs());
            return new PatternMethod(PatternSpec.resolve(pattern));
        }
        String m = method == null ? "lvsa" : method;
        switch (m) {
            case "dense":
                rejectKnobs("--method dense", lvsaKnobs(), riflexKnobs(), ultravicoKnobs());
                return new DenseMethod();
            case "riflex":
                rejectKnobs("--method riflex", lvsaKnobs(), ultravicoKnobs());
                return new RiflexMethod(
                        riflexN, riflexK, riflexScale != null ? riflexScale : RiflexMethod.DEFAULT_SCALE);
            case "ultravico":
                rejectKnobs("--method ultravico", lvsaKnobs(), riflexKnobs());
                return new UltraVicoMethod(alpha != null ? alpha : UltraVicoMethod.DEFAULT_ALPHA);
            case "lvsa":
                rejectKnobs("--method lvsa", riflexKnobs(), ultravicoKnobs());
                return new LvsaMethod(lvsaParams());
            default:
                throw new BadInputException("method '" + m + "' is unknown (known: " + String.join(", ", METHODS)
                        + "; or --pattern for a user pattern)");
        }
    }

    private LvsaParams lvsaParams() {
        LvsaParams p = LvsaParams.defaults();
        if (window != null) {
            p = p.withWindow(window);
        }
        if (nFirst != null) {
            p = p.withNFirst(nFirst);
        }
        if (kfi != null && !kfi.equals("auto")) {
            try {
                p = p.withKfi(Integer.parseInt(kfi));
            } catch (NumberFormatException e) {
                throw new BadInputException("--kfi '" + kfi + "': must be auto or an integer >= 1");
            }
        }
        if (sparsityScale != null) {
            p = p.withSparsityScale(sparsityScale);
        }
        return p.withRotate(!noRotation).withExpandWindow(!noExpandWindow);
    }

    private List<String> lvsaKnobs() {
        List<String> given = new ArrayList<>();
        if (window != null) {
            given.add("--window");
        }
        if (nFirst != null) {
            given.add("--n-first");
        }
        if (kfi != null) {
            given.add("--kfi");
        }
        if (noRotation) {
            given.add("--no-rotation");
        }
        if (sparsityScale != null) {
            given.add("--sparsity-scale");
        }
        if (noExpandWindow) {
            given.add("--no-expand-window");
        }
        return given;
    }

    private List<String> riflexKnobs() {
        List<String> given = new ArrayList<>();
        if (riflexN != null) {
            given.add("--riflex-n");
        }
        if (riflexK != null) {
            given.add("--riflex-k");
        }
        if (riflexScale != null) {
            given.add("--riflex-scale");
        }
        return given;
    }

    private List<String> ultravicoKnobs() {
        return alpha != null ? List.of("--alpha") : List.of();
    }

    @SafeVarargs
    private static void rejectKnobs(String chosen, List<String>... groups) {
        for (List<String> g : groups) {
            if (!g.isEmpty()) {
                throw new BadInputException(String.join(", ", g) + ": not a knob of " + chosen);
            }
        }
    }
}
