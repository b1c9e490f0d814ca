package dev.lvsa.runner.export;

import dev.lvsa.baselines.method.LvsaMethod;
import dev.lvsa.baselines.method.MethodPlan;
import dev.lvsa.baselines.model.Geometry;
import dev.lvsa.baselines.model.ModelRegistry;
import dev.lvsa.baselines.model.ModelSpec;
import dev.lvsa.baselines.pattern.FrameMask;
import dev.lvsa.baselines.pattern.LvsaParams;
import dev.lvsa.common.BadInputException;
import dev.lvsa.reports.run.SparsityPoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The planned LVSA density against video frames, per model, for the report's sparsity chart. */
public final class SparsitySeries {
    /** Horizons (multiples of the training length) the chart covers. */
    static final double[] HORIZONS = {1, 1.5, 2, 3, 4, 5, 6};

    private SparsitySeries() {
    }

    /**
     * LVSA with its default knobs at each of {@link #HORIZONS} for every model the registry knows (others are
     * skipped): the frame density averaged over the model's default number of denoising steps.
     */
    public static Map<String, List<SparsityPoint>> defaultLvsa(Collection<String> models) {
        ModelRegistry registry = ModelRegistry.standard();
        LvsaMethod lvsa = new LvsaMethod(LvsaParams.defaults());
        Map<String, List<SparsityPoint>> series = new LinkedHashMap<>();
        for (String name : models) {
            ModelSpec spec;
            try {
                spec = registry.get(name);
            } catch (BadInputException unknown) {
                continue;
            }
            List<SparsityPoint> points = new ArrayList<>();
            for (double h : HORIZONS) {
                int frames;
                try {
                    frames = spec.framesAtHorizon(h);
                } catch (BadInputException notWhole) {
                    continue; // e.g. 1.5x of a short tiny model
                }
                Geometry g = spec.geometry(frames, null, null);
                MethodPlan plan = lvsa.plan(g, spec.defaultSteps());
                double sum = 0;
                for (FrameMask mask : plan.stepMasks()) {
                    sum += mask.density();
                }
                points.add(new SparsityPoint(frames, sum / plan.steps()));
            }
            if (!points.isEmpty()) {
                series.put(name, List.copyOf(points));
            }
        }
        return series;
    }
}
