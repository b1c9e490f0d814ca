/**
 * The {@code vqeval} command line (picocli): {@code evaluate}, {@code batch}, {@code calibrate} and
 * {@code bench}, one class each. Exit codes: 0 ok, 1 failure (e.g. a score below {@code --min-score}),
 * 2 usage error or bad input, 3 a batch where some videos failed. What the four share (the {@code -v} flag,
 * the scoring options mixin, job and folder checks) sits in {@code ScoringCommand}.
 */
package dev.lvsa.vqeval.cli;
