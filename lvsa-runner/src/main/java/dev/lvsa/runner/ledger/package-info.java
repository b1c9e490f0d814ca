/**
 * The run ledger: one SQLite database per run folder ({@code RUN_DIR/ledger.sqlite}, WAL mode) holding
 * {@code jobs}, {@code attempts}, {@code results} and {@code scores}. Every state change is one transaction, so a
 * runner killed at any point leaves a consistent ledger; the next {@code run} on the folder marks attempts left
 * {@code running} as {@code interrupted} and runs their jobs again. A job's result is written once: the
 * {@code results} table's primary key is the job id. {@link dev.lvsa.runner.ledger.RunLock} keeps a second runner
 * out of a folder in use.
 */
package dev.lvsa.runner.ledger;
