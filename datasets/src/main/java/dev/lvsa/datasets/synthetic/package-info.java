/**
 * A deterministic (seeded) generator of procedural videos with ground truth: clean motion of several
 * kinds, exact loops, late loops, loops with drift, loops with noise and re-encoding, ping-pong, freezes,
 * stutter, slow motion and hard cuts. Scenes have textured backgrounds, several moving objects, camera
 * motion and sensor noise; clips are written as H.264 mp4 with a {@code labels.csv}.
 */
package dev.lvsa.datasets.synthetic;
