/** File output helpers: every file the toolkit writes goes through an atomic temp-file-then-move. */
package dev.lvsa.baselines.io;
