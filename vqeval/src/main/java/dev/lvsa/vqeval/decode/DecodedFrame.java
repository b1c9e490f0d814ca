package dev.lvsa.vqeval.decode;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One frame handed from the decoding thread to the analysing thread. The receiver owns the Mats and
 * must close them.
 *
 * @param index original frame index (0-based)
 * @param small the frame downscaled to the analysis size, BGR, 8 bits
 * @param full the full-resolution BGR frame for spatial statistics, or null when this frame is not sampled
 * @param embed the frame at the embedders' size (shorter side {@link DecodeOptions#embedShorterSide()}),
 *     BGR, or null when no embedder runs or this frame is not embedded
 */
public record DecodedFrame(int index, Mat small, Mat full, Mat embed) implements AutoCloseable {

    @Override
    public void close() {
        small.close();
        if (full != null) {
            full.close();
        }
        if (embed != null) {
            embed.close();
        }
    }
}
