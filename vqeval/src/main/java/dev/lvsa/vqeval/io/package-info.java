/**
 * Files: CSV reading and writing (Jackson CSV) and preset JSON. Every file is written through
 * {@link dev.lvsa.common.AtomicFiles} (temp file in the same folder, fsync, atomic move).
 */
package dev.lvsa.vqeval.io;
