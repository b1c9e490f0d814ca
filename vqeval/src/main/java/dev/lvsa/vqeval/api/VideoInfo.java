package dev.lvsa.vqeval.api;

/**
 * What the container says about a video, plus the number of frames actually decoded.
 *
 * @param video the path as the caller gave it
 * @param width original frame width in pixels
 * @param height original frame height in pixels
 * @param fps frame rate reported by the container (frames per second)
 * @param frames frames decoded (every frame, whatever the analysis stride)
 * @param codec video codec name
 * @param format container format name
 */
public record VideoInfo(String video, int width, int height, double fps, int frames, String codec, String format) {

    /** Duration in seconds from the decoded frame count and the frame rate; NaN when fps is unknown. */
    public double durationSeconds() {
        return fps > 0 ? frames / fps : Double.NaN;
    }
}
