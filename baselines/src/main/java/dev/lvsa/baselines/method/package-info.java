/**
 * Attention methods that turn a job (model geometry, steps) into what the worker must do: dense
 * ({@link dev.lvsa.baselines.method.DenseMethod}), RIFLEx ({@link dev.lvsa.baselines.method.RiflexMethod}),
 * UltraViCo ({@link dev.lvsa.baselines.method.UltraVicoMethod}), LVSA ({@link dev.lvsa.baselines.method.LvsaMethod})
 * and user patterns ({@link dev.lvsa.baselines.method.PatternMethod}). Each yields a
 * {@link dev.lvsa.baselines.method.MethodPlan} (one frame mask per step plus transforms) that the analysis reads
 * and {@link dev.lvsa.baselines.method.PlanBuilder} turns into an attention plan.
 */
package dev.lvsa.baselines.method;
