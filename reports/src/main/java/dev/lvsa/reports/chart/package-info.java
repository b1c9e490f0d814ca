/**
 * Charts of a report, built with XChart and written as PNG and SVG ({@link dev.lvsa.reports.chart.ChartFiles}):
 * latency scaling, speedup bars, sparsity vs frames, VQeval dimension bars, the contrast chart
 * ({@link dev.lvsa.reports.chart.RunCharts}); and self-similarity heatmaps drawn with java.awt
 * ({@link dev.lvsa.reports.chart.SelfSimilarityHeatmap}).
 */
package dev.lvsa.reports.chart;
