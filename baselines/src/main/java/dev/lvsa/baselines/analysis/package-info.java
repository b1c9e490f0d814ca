/**
 * Analysis of a method over a job: frame and token densities per step, attention and whole-transformer FLOPs
 * ({@link dev.lvsa.baselines.analysis.FlopModel}), compute reduction against dense, anchor coverage, per-query
 * budget ({@link dev.lvsa.baselines.analysis.PatternAnalyzer}, {@link dev.lvsa.baselines.analysis.AnalysisReport}),
 * and pictures of a mask: ASCII ({@link dev.lvsa.baselines.analysis.AsciiMask}) and PNG heatmaps
 * ({@link dev.lvsa.baselines.analysis.MaskHeatmap}).
 */
package dev.lvsa.baselines.analysis;
