/**
 * A run as the reports see it: the jobs of the runner's export CSV ({@link dev.lvsa.reports.run.ExportCsv},
 * one {@link dev.lvsa.reports.run.JobRecord} per row) grouped into cells of model x method x horizon
 * ({@link dev.lvsa.reports.run.RunGrid}, {@link dev.lvsa.reports.run.CellStats}), the planned attention
 * density each LVSA job's own plan file expects, which the sparsity chart draws
 * ({@link dev.lvsa.reports.run.PlannedDensity}), and the jobs whose realised density is not their plan's
 * ({@link dev.lvsa.reports.run.DensityCheck}).
 */
package dev.lvsa.reports.run;
