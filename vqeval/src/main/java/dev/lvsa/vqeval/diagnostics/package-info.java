/**
 * Numbers reported beside the dimensions: VBench-like diagnostics (which reward static video) and the
 * published loop metrics of RIFLEx (NoRepeat) and UltraViCo (repeated-frame ratio).
 */
package dev.lvsa.vqeval.diagnostics;
