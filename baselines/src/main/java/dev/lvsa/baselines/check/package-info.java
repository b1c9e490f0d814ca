/**
 * Regression checks: a candidate pattern against a baseline pattern over a grid of models and horizons, with
 * thresholds (density no higher than the baseline's times a ratio, a density ceiling, full anchor coverage, per-query
 * budget bounds). {@link dev.lvsa.baselines.check.RegressionCheck} runs it and returns a
 * {@link dev.lvsa.baselines.check.CheckReport} with one row per cell and every failure.
 */
package dev.lvsa.baselines.check;
