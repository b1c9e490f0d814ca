/**
 * VQeval's public value types and service interfaces: the analysed frame series, a dimension's result,
 * the evaluation report, weights, normalisation presets, the self-similarity matrix, the
 * {@link dev.lvsa.vqeval.api.Dimension} SPI (found through {@link java.util.ServiceLoader}) and the
 * {@link dev.lvsa.vqeval.api.BatchHtmlRenderer} SPI that a reports module may provide.
 */
package dev.lvsa.vqeval.api;
