/**
 * Scoring finished videos with VQeval, in-process: {@link dev.lvsa.runner.scoring.Scorer} turns a video into a
 * {@link dev.lvsa.runner.ledger.ScoreRow} (composite, the five dimensions, loop findings, the published loop metrics,
 * the VBench-like diagnostics and the full JSON report). A video that cannot be scored gives a row with status
 * {@code error} and the reason: scoring never stops a run.
 */
package dev.lvsa.runner.scoring;
