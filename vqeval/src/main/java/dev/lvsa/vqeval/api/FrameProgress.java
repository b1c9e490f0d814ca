package dev.lvsa.vqeval.api;

/** Progress of one video's evaluation, for long clips: called from the analysing thread. */
@FunctionalInterface
public interface FrameProgress {

    /**
     * @param phase what runs now: {@code decoding} (frames go by; embedders run beside it) or
     *     {@code analysing} (the repeat model and the dimensions, after the last frame)
     * @param done original frames decoded so far
     * @param total frames the container lists (0 when it does not say)
     */
    void update(String phase, int done, int total);
}
