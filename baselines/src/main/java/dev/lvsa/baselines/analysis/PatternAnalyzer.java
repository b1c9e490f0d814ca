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
        Geometry g = mp.geometry();
        int t = g.latentFrames();
        int steps = mp.steps();

        List<Double> densityPerStep = new ArrayList<>(steps);
        double frameSum = 0;
        double tokenSum = 0;
        double attention = 0;
        FlopCount perGeneration = FlopCount.zero();
        int[] anchorCount = new int[t];
        BitSet everAnchor = new BitSet(t);
        Integer coverageStep = null;
        int budgetMin = Integer.MAX_VALUE;
        int budgetMax = 0;
        long budgetSum = 0;
        for (int s = 0; s < steps; s++) {
            FrameMask m = mp.mask(s);
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
        FlopCount denseStep = FlopModel.denseForwardFlops(g).times(cfgPasses);
        double attentionDense = denseStep.selfAttention() * steps;
        double transformerDense = denseStep.total() * steps;
        List<Integer> anchorList = java.util.Arrays.stream(anchorCount).boxed().toList();
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
                densityPerStep.get(0),
                frameSum / steps,
                densityPerStep,
                g.tokenDensity(mp.mask(0).attendedPairs()),
                tokenSum / steps,
                attentionDense,
                attention,
                denseStep.selfAttention(),
                attention / steps,
                attentionDense / attention,
                transformerDense,
                perGeneration.total(),
                denseStep.total(),
                perGeneration.total() / steps,
                transformerDense / perGeneration.total(),
                denseStep.selfAttention() / denseStep.total(),
                denseStep,
                coverageStep,
                anchorList,
                new Budget(budgetMin, (double) budgetSum / ((long) t * steps), budgetMax),
                g.model().architecture().nominal(),
                notes);
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
