package dev.lvsa.vqeval.decode;

import dev.lvsa.vqeval.NativePreload;
import dev.lvsa.vqeval.api.VideoException;
import dev.lvsa.vqeval.api.VideoException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes a video on its own thread and hands every analysed frame, downscaled, to a {@link FrameSink}
 * on the calling thread. The grabber lives in try-with-resources; frames are copied (resized into new
 * Mats) before the grabber reuses its memory.
 */
public final class VideoDecoder {

    private static final Pattern FFMPEG_ERROR = Pattern.compile("error (-?\\d+)");
    static final Object END = new Object();
    /** Cap on full-resolution copies, in case the container's frame count was a poor estimate. */
    static final int MAX_SPATIAL_SAMPLES = 64;

    private VideoDecoder() {}

    /** Result of a decode: the container facts and the number of frames decoded. */
    /**
     * @param timedFps frames per second measured from the decoded frames' timestamps (what a player shows:
     *     a GIF's per-frame delays, a variable-rate stream's real pace), or the container's rate when the
     *     timestamps say nothing
     * @param rateVaries whether frame-to-frame intervals vary by more than 10% (variable frame rate)
     */
    public record Result(
            StreamFacts facts, int framesDecoded, long decodeWaitNanos, double timedFps, boolean rateVaries) {}

    /**
     * Decodes {@code path}, calling {@code sink} for every {@code stride}-th frame.
     *
     * @param shownName the path as the user wrote it, used in messages
     */
    public static Result decode(Path path, String shownName, DecodeOptions options, FrameSink sink)
            throws VideoException {
        checkFile(path, shownName);
        NativePreload.awaitFfmpeg();
        // FFmpeg's own log lines would interleave with our one-line errors and JSON on stdout/stderr
        FfmpegLog.install();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(path.toFile())) {
            start(grabber, path, shownName);
            if (!PictureScaler.converts(grabber.getPixelFormat())) {
                throw new VideoException(
                        shownName,
                        Kind.DECODE_ERROR,
                        "decoder output is pixel format " + grabber.getPixelFormat()
                                + ", which FFmpeg's scaler cannot convert");
            }
            StreamFacts facts = facts(grabber, shownName);
            int exactFrames = exactFrameCount(grabber);
            int[] size = analysisSize(facts.width(), facts.height(), options.analysisLongSide());
            sink.begin(facts, size[0], size[1]);
            int expected = exactFrames > 0 ? exactFrames : facts.declaredFrames();
            int sampleEvery = sampleInterval(expected, facts.fps(), options);
            // the producer converts the decoder's planes with FFmpeg's scaler straight to the small analysis size
            // (area averaging), and the few frames sampled for full-resolution statistics to full size as well
            FrameProducer producer = new FrameProducer(
                    grabber, options.stride(), sampleEvery, size[0], size[1], facts.width(), facts.height());
            if (options.embedShorterSide() > 0) {
                producer.embedFrames(options.embedShorterSide(), options.embedEvery());
            }
            Thread thread = new Thread(producer, "vqeval-decode");
            thread.setDaemon(true);
            thread.start();
            long waited = consume(producer, sink, thread, shownName);
            int decoded = producer.decoded;
            if (decoded < options.minFrames()) {
                throw new VideoException(
                        shownName,
                        Kind.TOO_FEW_FRAMES,
                        decoded == 0
                                ? "no frame could be decoded"
                                : "too short to judge: only " + decoded + " frame" + (decoded == 1 ? "" : "s")
                                        + "; loops and freezes need at least " + options.minFrames());
            }
            if (exactFrames > 0 && decoded < exactFrames * 0.9 - 1) {
                throw new VideoException(
                        shownName,
                        Kind.TRUNCATED,
                        "truncated: the stream ends after " + decoded + " of the " + exactFrames
                                + " frames its container lists");
            }
            double[] timing = producer.timing(decoded, facts.fps());
            return new Result(facts, decoded, waited, timing[0], timing[1] > 0);
        } catch (FrameGrabber.Exception e) {
            throw new VideoException(shownName, Kind.DECODE_ERROR, "cannot close the decoder: " + ffmpegCause(e), e);
        }
    }

    private static long consume(FrameProducer producer, FrameSink sink, Thread thread, String shownName)
            throws VideoException {
        long waited = 0;
        try {
            while (true) {
                long t0 = System.nanoTime();
                Object item = producer.queue.take();
                waited += System.nanoTime() - t0;
                if (item == END) {
                    break;
                }
                if (item instanceof Throwable failure) {
                    throw failure instanceof VideoException ve
                            ? ve
                            : new VideoException(
                                    shownName,
                                    Kind.DECODE_ERROR,
                                    "decoding failed after " + producer.decoded + " frames: " + ffmpegCause(failure),
                                    failure);
                }
                sink.accept((DecodedFrame) item);
            }
            thread.join();
            return waited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VideoException(shownName, Kind.DECODE_ERROR, "interrupted while decoding", e);
        } finally {
            producer.cancelled = true;
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Object left;
            while ((left = producer.queue.poll()) != null) {
                if (left instanceof DecodedFrame f) {
                    f.close();
                }
            }
        }
    }

    private static void checkFile(Path path, String shownName) throws VideoException {
        if (Files.isSymbolicLink(path) && !Files.exists(path)) {
            String target;
            try {
                target = Files.readSymbolicLink(path).toString();
            } catch (java.io.IOException e) {
                target = "?";
            }
            throw new VideoException(
                    shownName, Kind.MISSING, "broken symbolic link (its target " + target + " is gone)");
        }
        if (!Files.exists(path)) {
            throw new VideoException(shownName, Kind.MISSING, "no such file");
        }
        if (!Files.isRegularFile(path)) {
            throw new VideoException(shownName, Kind.UNREADABLE, "not a regular file");
        }
        if (!Files.isReadable(path)) {
            throw new VideoException(shownName, Kind.UNREADABLE, "not readable (permission denied)");
        }
        try {
            if (Files.size(path) == 0) {
                throw new VideoException(shownName, Kind.EMPTY_FILE, "empty file (0 bytes)");
            }
        } catch (java.io.IOException e) {
            throw new VideoException(shownName, Kind.UNREADABLE, "cannot read its size: " + e.getMessage(), e);
        }
    }

    private static void start(FFmpegFrameGrabber grabber, Path path, String shownName) throws VideoException {
        FfmpegLog.clear();
        // one decoding thread per core, as `ffmpeg -threads N` would use (FFmpeg's automatic count is cores + 1,
        // whose extra thread only adds hand-offs on a small machine)
        grabber.setVideoOption("threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
        // the decoder's own planes: FrameProducer converts them (PictureScaler), so that every frame, sampled at
        // full size or not, is scaled to the analysis size the same way
        grabber.setImageMode(FrameGrabber.ImageMode.RAW);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            String detail = FfmpegLog.lastError();
            String cause = ffmpegCause(e);
            String why = detail == null || detail.equalsIgnoreCase(cause) ? cause : detail + "; " + cause;
            String head = FileHead.describe(path);
            if (head != null) {
                throw new VideoException(shownName, Kind.NOT_A_VIDEO, "not a video: " + head, e);
            }
            if (detail != null && detail.contains("moov atom not found")) {
                why += "; a truncated or unfinished mp4?";
            }
            throw new VideoException(shownName, Kind.NOT_A_VIDEO, "not a video FFmpeg can open (" + why + ")", e);
        } catch (RuntimeException e) {
            throw new VideoException(shownName, Kind.NOT_A_VIDEO, "not a video FFmpeg can open (" + e + ")", e);
        }
    }

    private static StreamFacts facts(FFmpegFrameGrabber grabber, String shownName) throws VideoException {
        if (!grabber.hasVideo() || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            throw new VideoException(shownName, Kind.NO_VIDEO_STREAM, "has no video stream");
        }
        int w = grabber.getImageWidth();
        int h = grabber.getImageHeight();
        if (w < DecodeOptions.MIN_SIDE
                || h < DecodeOptions.MIN_SIDE
                || w > DecodeOptions.MAX_SIDE
                || h > DecodeOptions.MAX_SIDE) {
            throw new VideoException(
                    shownName,
                    Kind.BAD_DIMENSIONS,
                    "absurd frame size " + w + "x" + h + " (each side must be " + DecodeOptions.MIN_SIDE + ".."
                            + DecodeOptions.MAX_SIDE + " pixels)");
        }
        double aspect = (double) Math.max(w, h) / Math.min(w, h);
        if (aspect > DecodeOptions.MAX_ASPECT) {
            throw new VideoException(
                    shownName,
                    Kind.BAD_DIMENSIONS,
                    String.format(
                            java.util.Locale.ROOT,
                            "frame size %dx%d has an aspect ratio of %.0f:1; no video model makes frames this shape (at most %.0f:1)",
                            w,
                            h,
                            aspect,
                            DecodeOptions.MAX_ASPECT));
        }
        double fps = grabber.getVideoFrameRate();
        if (!(fps > 0) || Double.isInfinite(fps)) {
            fps = grabber.getFrameRate();
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            fps = 0;
        }
        String codec = grabber.getVideoCodecName();
        String format = grabber.getFormat();
        return new StreamFacts(
                w,
                h,
                fps,
                Math.max(0, grabber.getLengthInVideoFrames()),
                codec == null ? "" : codec,
                format == null ? "" : format);
    }

    /** The frame count the container's index lists (mp4, mov), or 0 when it only has an estimate. */
    private static int exactFrameCount(FFmpegFrameGrabber grabber) {
        AVFormatContext ctx = grabber.getFormatContext();
        int stream = grabber.getVideoStream();
        if (ctx == null || stream < 0 || stream >= ctx.nb_streams()) {
            return 0;
        }
        long n = ctx.streams(stream).nb_frames();
        return n > 0 && n < Integer.MAX_VALUE ? (int) n : 0;
    }

    /** Analysis size: longer side {@code longSide} (never upscaled), aspect kept. */
    public static int[] analysisSize(int width, int height, int longSide) {
        if (width >= height) {
            int w = Math.min(longSide, width);
            int h = Math.max(8, (int) Math.round((double) height * w / width));
            return new int[] {w, h};
        }
        int h = Math.min(longSide, height);
        int w = Math.max(8, (int) Math.round((double) width * h / height));
        return new int[] {w, h};
    }

    private static int sampleInterval(int expectedFrames, double fps, DecodeOptions options) {
        int analysed = expectedFrames > 0 ? (expectedFrames + options.stride() - 1) / options.stride() : 0;
        if (analysed > 0) {
            return Math.max(1, analysed / options.spatialSamples());
        }
        return Math.max(1, (int) Math.round(fps > 0 ? fps / options.stride() : 8));
    }

    /** FFmpeg's reason in words, e.g. "Invalid data found when processing input". */
    static String ffmpegCause(Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher m = FFMPEG_ERROR.matcher(msg);
        if (m.find()) {
            try {
                int code = Integer.parseInt(m.group(1));
                byte[] buf = new byte[256];
                if (avutil.av_strerror(code, buf, buf.length) == 0) {
                    int len = 0;
                    while (len < buf.length && buf[len] != 0) {
                        len++;
                    }
                    return new String(buf, 0, len, java.nio.charset.StandardCharsets.UTF_8);
                }
            } catch (NumberFormatException ignored) {
                // fall through to the raw message
            }
        }
        return msg.replace('\n', ' ').trim();
    }
}
