package dev.lvsa.vqeval.decode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A look at a file's first bytes when FFmpeg cannot open it, so the message says what the file is rather
 * than guessing: text (a log, a CSV, an HTML error page saved under a video's name) is not a truncated video.
 */
final class FileHead {

    private static final int LOOK = 512;

    private FileHead() {}

    /** What the file holds when that is clearly not video data, or null when the head says nothing. */
    static String describe(Path path) {
        byte[] b;
        try (InputStream in = Files.newInputStream(path)) {
            b = in.readNBytes(LOOK);
        } catch (IOException e) {
            return null;
        }
        if (b.length == 0) {
            return null;
        }
        int text = 0;
        for (byte x : b) {
            int c = x & 0xff;
            boolean printable = c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7f) || c >= 0x80;
            text += printable ? 1 : 0;
        }
        if (text == b.length && !startsWith(b, "GIF8")) {
            String start = new String(b, 0, Math.min(b.length, 5), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (start.startsWith("<") || start.regionMatches(true, 0, "<!doc", 0, 5)) {
                return "the file holds text (it looks like HTML or XML), not video data";
            }
            return "the file holds text, not video data";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, String prefix) {
        if (b.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
