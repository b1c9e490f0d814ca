/**
 * The {@code report} command ({@link dev.lvsa.reports.cli.ReportCommand}): a run's export CSV in, a report
 * folder out. {@code lvsa-runner} registers it as its {@code report} subcommand.
 */
package dev.lvsa.reports.cli;
