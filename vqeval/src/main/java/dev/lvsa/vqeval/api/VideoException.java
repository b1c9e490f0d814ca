package dev.lvsa.vqeval.api;

/**
 * A video that cannot be evaluated: missing, unreadable, not a video, truncated, too short or of an
 * absurd size. The message is one line naming the cause; {@link #oneLine()} prefixes the video.
 */
public class VideoException extends Exception {

    /** Why a video could not be evaluated. */
    public enum Kind {
        MISSING,
        UNREADABLE,
        EMPTY_FILE,
        NOT_A_VIDEO,
        NO_VIDEO_STREAM,
        TRUNCATED,
        TOO_FEW_FRAMES,
        BAD_DIMENSIONS,
        DECODE_ERROR,
        EMBEDDER_ERROR
    }

    private final String video;
    private final Kind kind;

    public VideoException(String video, Kind kind, String cause) {
        super(cause);
        this.video = video;
        this.kind = kind;
    }

    public VideoException(String video, Kind kind, String cause, Throwable throwable) {
        super(cause, throwable);
        this.video = video;
        this.kind = kind;
    }

    /** The video as the caller named it. */
    public String video() {
        return video;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code <video>: <cause>}, one line. */
    public String oneLine() {
        return video + ": " + getMessage();
    }
}
