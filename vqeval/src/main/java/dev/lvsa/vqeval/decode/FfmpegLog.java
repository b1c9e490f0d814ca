package dev.lvsa.vqeval.decode;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/**
 * Routes FFmpeg's log away from stderr and keeps the last error line of each thread, so that a video
 * FFmpeg cannot open is reported with FFmpeg's own reason (e.g. "moov atom not found") in one line.
 */
final class FfmpegLog extends LogCallback {

    private static final FfmpegLog INSTANCE = new FfmpegLog();
    private static final ThreadLocal<String> LAST = new ThreadLocal<>();
    private static boolean installed;

    private FfmpegLog() {}

    /** Installs the callback once per JVM (keeps a strong reference to it). */
    static synchronized void install() {
        if (!installed) {
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
            avutil.setLogCallback(INSTANCE);
            installed = true;
        }
    }

    static void clear() {
        LAST.remove();
    }

    /** The last FFmpeg error message logged on this thread, or null. */
    static String lastError() {
        return LAST.get();
    }

    @Override
    public void call(int level, BytePointer msg) {
        if (level <= avutil.AV_LOG_ERROR && msg != null) {
            // drop the "[mov,mp4,... @ 0x7f...] " context prefix: the address means nothing to a user
            String s = msg.getString()
                    .replaceAll("\\s+", " ")
                    .replaceFirst("^\\[[^\\]]*@ ?0x[0-9a-fA-F]+\\] ?", "")
                    .trim();
            if (!s.isEmpty()) {
                LAST.set(s);
            }
        }
    }
}
