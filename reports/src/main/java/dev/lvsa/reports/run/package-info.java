/**
 * A run as the reports see it: the jobs of the runner's export CSV ({@link dev.lvsa.reports.run.ExportCsv},
 * one {@link dev.lvsa.reports.run.JobRecord} per row) grouped into cells of model x method x horizon
 * ({@link dev.lvsa.reports.run.RunGrid}, {@link dev.lvsa.reports.run.CellStats}), and the planned attention
 * density series the sparsity chart draws ({@link dev.lvsa.reports.run.SparsityPoint}).
 */
package dev.lvsa.reports.run;
