/**
 * The paper-layout tables of a run: method comparison, latency scaling, cross-model speedup, peak memory
 * and quality (VQeval dimensions; vbench-like diagnostics), each with this run's figure, the paper's
 * published figure and their ratio. A {@link dev.lvsa.reports.table.ReportTable} holds display
 * {@link dev.lvsa.reports.table.Cell}s, becomes a tablesaw {@code Table} for CSV and is written as Markdown
 * by {@link dev.lvsa.reports.table.TableFiles}.
 */
package dev.lvsa.reports.table;
