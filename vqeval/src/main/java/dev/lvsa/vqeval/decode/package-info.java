/**
 * Decoding: opens a video with JavaCV's {@code FFmpegFrameGrabber}, checks it (exists, is a video, sane
 * size, enough frames), and streams every frame, downscaled early to a small analysis buffer, from a
 * decoding thread to the analysing thread. Frames are copied out of JavaCV's reused frame memory.
 */
package dev.lvsa.vqeval.decode;
