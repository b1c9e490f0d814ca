/**
 * The reports module's entry points: {@link dev.lvsa.reports.ReportInput} (a run's jobs, its folder and
 * settings, built with a builder) and {@link dev.lvsa.reports.ReportWriter}, which writes
 * {@code report.html} with the paper-layout tables (CSV, Markdown), charts (PNG, SVG) and self-similarity
 * heatmaps beside it.
 */
package dev.lvsa.reports;
