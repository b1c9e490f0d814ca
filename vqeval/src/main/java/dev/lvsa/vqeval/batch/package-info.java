/**
 * Batches: finding the videos (a folder, or a CSV with a path column), unique output names, scoring
 * them on a small thread pool in a deterministic order, the summary table with the main sub-metrics,
 * progress on stderr, and calibration of a preset from a video set.
 */
package dev.lvsa.vqeval.batch;
