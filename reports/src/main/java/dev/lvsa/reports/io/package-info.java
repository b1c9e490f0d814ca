/** File output helpers of the reports module: atomic writes and the software versions a report names. */
package dev.lvsa.reports.io;
