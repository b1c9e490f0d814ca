/**
 * Views of the ledger: {@link dev.lvsa.runner.export.RunTable} (one row per job, the CSV export's columns, which are
 * also the input contract of the reports module), {@link dev.lvsa.runner.export.CsvExport} (written atomically) and
 * {@link dev.lvsa.runner.export.StatusReport} (counts per state, a per model/method/horizon table, failures).
 */
package dev.lvsa.runner.export;
