/**
 * VQeval: scores a video for loops, freezes, dynamics, frame similarity, spatial quality and temporal
 * coherence. Start with {@link dev.lvsa.vqeval.VqEval#builder()}; the value types it returns live in
 * {@code dev.lvsa.vqeval.api}.
 */
package dev.lvsa.vqeval;
