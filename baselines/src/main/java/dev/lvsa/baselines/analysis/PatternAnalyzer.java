package dev.lvsa.baselines.analysis;

import dev.lvsa.baselines.method.MethodPlan;
import dev.lvsa.baselines.model.Geometry;
import dev.lvsa.baselines.pattern.FrameMask;
import dev.lvsa.common.BadInputException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Computes an {@link AnalysisReport} from a method's plan. */
public final class PatternAnalyzer {
    private PatternAnalyzer() {}

    /**
     * Analyses a method over its job.
     *
     * @param mp        the method's masks for every step
     * @param cfgPasses transformer passes per step to count (the model's usual: 2 with classifier-free guidance)
     */
    public static AnalysisReport analyze(MethodPlan mp, int cfgPasses) {
        if (cfgPasses < 1 || cfgPasses > 4) {
            throw new BadInputException("cfg passes " + cfgPasses + ": must be between 1 and 4");
        }
        StepTotals totals = new StepTotals(mp.geometry(), cfgPasses);
        for (int s = 0; s < mp.steps(); s++) {
            totals.add(s, mp.mask(s));
        }
        return report(mp, cfgPasses, totals);
    }

    /** The report from the totals over every step, beside dense's figures for the same job. */
    private static AnalysisReport report(MethodPlan mp, int cfgPasses, StepTotals sum) {
        Geometry g = mp.geometry();
        int t = g.latentFrames();
        int steps = mp.steps();
        FlopCount denseStep = FlopModel.denseForwardFlops(g).times(cfgPasses);
        double attentionDense = denseStep.selfAttention() * steps;
        double transformerDense = denseStep.total() * steps;
        List<Integer> anchorList =
                java.util.Arrays.stream(sum.anchorCount).boxed().toList();
        List<String> notes = notes(mp, g);
        return new AnalysisReport(
                g.model().name(),
                mp.method(),
                g.videoFrames(),
                t,
                g.height(),
                g.width(),
                g.tokensPerFrame(),
                g.textTokens(),
                g.referenceLatentFrames(),
                g.horizonRatio(),
                steps,
                cfgPasses,
                mp.kfi(),
                mp.params(),
                sum.densityPerStep.get(0),
                sum.frameSum / steps,
                sum.densityPerStep,
                g.tokenDensity(mp.mask(0).attendedPairs()),
                sum.tokenSum / steps,
                attentionDense,
                sum.attention,
                denseStep.selfAttention(),
                sum.attention / steps,
                attentionDense / sum.attention,
                transformerDense,
                sum.perGeneration.total(),
                denseStep.total(),
                sum.perGeneration.total() / steps,
                transformerDense / sum.perGeneration.total(),
                denseStep.selfAttention() / denseStep.total(),
                denseStep,
                sum.coverageStep,
                anchorList,
                new Budget(sum.budgetMin, (double) sum.budgetSum / ((long) t * steps), sum.budgetMax),
                g.model().architecture().nominal(),
                notes);
    }

    /** What the steps add up to, one step at a time: densities, FLOPs, anchors and key frames per query. */
    private static final class StepTotals {
        private final Geometry g;
        private final int cfgPasses;
        private final int t;
        final List<Double> densityPerStep = new ArrayList<>();
        double frameSum;
        double tokenSum;
        double attention;
        FlopCount perGeneration = FlopCount.zero();
        final int[] anchorCount;
        private final BitSet everAnchor;
        /** The first step by which every frame has been an anchor; null while one never has. */
        Integer coverageStep;

        int budgetMin = Integer.MAX_VALUE;
        int budgetMax;
        long budgetSum;

        StepTotals(Geometry g, int cfgPasses) {
            this.g = g;
            this.cfgPasses = cfgPasses;
            this.t = g.latentFrames();
            this.anchorCount = new int[t];
            this.everAnchor = new BitSet(t);
        }

        /** Adds step {@code s}, whose mask is {@code m}. */
        void add(int s, FrameMask m) {
            long pairs = m.attendedPairs();
            double d = m.density();
            densityPerStep.add(d);
            frameSum += d;
            tokenSum += g.tokenDensity(pairs);
            FlopCount f = FlopModel.forwardFlops(g, pairs).times(cfgPasses);
            perGeneration = perGeneration.plus(f);
            attention += f.selfAttention();
            BitSet anchors = m.anchors();
            for (int k = anchors.nextSetBit(0); k >= 0; k = anchors.nextSetBit(k + 1)) {
                anchorCount[k]++;
            }
            everAnchor.or(anchors);
            if (coverageStep == null && everAnchor.cardinality() == t) {
                coverageStep = s;
            }
            for (int q = 0; q < t; q++) {
                int c = m.rowCount(q);
                budgetMin = Math.min(budgetMin, c);
                budgetMax = Math.max(budgetMax, c);
                budgetSum += c;
            }
        }
    }

    /** How the figures are counted, with the plan's and the model's caveats. */
    private static List<String> notes(MethodPlan mp, Geometry g) {
        List<String> notes = new ArrayList<>();
        notes.add("FLOPs: multiply-add = 2; per generation = steps x cfg_passes forward passes; whole transformer = "
                + "self-attention core + its projections + cross-attention + FFN over all blocks (embeddings, "
                + "modulation, norms, output head and VAE not counted)");
        notes.add("densities: frame level = attended frame pairs / T^2; token level includes text tokens in "
                + "self-attention (attended by every query; text queries attend every key)");
        notes.add("anchor = key frame attended by every query frame at that step");
        if (mp.scoreTransform() != null || mp.ropeTransform() != null) {
            notes.add("score/RoPE transforms change values, not which pairs are computed: FLOPs as dense");
        }
        if (g.model().architecture().nominal()) {
            notes.add("architecture sizes of " + g.model().name() + " are nominal (the worker owns the tiny "
                    + "architectures): FLOP figures are illustrative only");
        }
        return notes;
    }
}
