/**
 * Repetition analysis on the frame self-similarity matrix: diagonal-stripe periodicity (lag profile and
 * comb of valleys), anti-diagonal ping-pong, near-duplicate pairs, freeze runs, stutter, and the novelty
 * profile with the first repeated frame. Works on the tiny per-frame descriptors, so the O(n^2) part
 * stays cheap.
 */
package dev.lvsa.vqeval.loop;
