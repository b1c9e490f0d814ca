/**
 * Output helpers of the reports module: the software versions a report names and the process settings
 * every entry point applies. Atomic file writes go through {@code dev.lvsa.common.AtomicFiles}.
 */
package dev.lvsa.reports.io;
