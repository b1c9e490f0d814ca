/**
 * Per-frame work done as frames arrive: Farneback optical flow, SSIM/PSNR (OpenCV Gaussian blurs),
 * region similarities, flow-based interpolation error, tiny descriptors for self-similarity, and
 * full-resolution spatial statistics of sampled frames. The result is a
 * {@link dev.lvsa.vqeval.api.FrameSeries}.
 */
package dev.lvsa.vqeval.signal;
