package dev.lvsa.runner.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;

/** A worker's stdout as protocol lines: shared by {@link WorkerProcess} and {@link RankedJob}. */
final class ProtocolLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One stdout line; {@code json} is null when it is not a JSON object (a protocol violation). */
    record Line(String raw, JsonNode json) {}

    /** Marks the end of stdout in a message queue. */
    static final Line EOF = new Line(null, null);

    private ProtocolLines() {}

    /**
     * Reads {@code in} to its end: every non-blank line goes into {@code tail} (as {@code [stdout] LINE}) and
     * {@code out}; then {@link #EOF}.
     */
    static void pump(InputStream in, OutputTail tail, BlockingQueue<Line> out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String s;
            while ((s = r.readLine()) != null) {
                if (s.isBlank()) {
                    continue;
                }
                tail.add("[stdout] " + s);
                JsonNode json;
                try {
                    json = JSON.readTree(s);
                    if (json == null || !json.isObject()) {
                        json = null;
                    }
                } catch (IOException e) {
                    json = null;
                }
                out.add(new Line(s, json));
            }
        } catch (IOException e) {
            tail.add("[runner] reading the worker's stdout failed: " + e.getMessage());
        } finally {
            out.add(EOF);
        }
    }

    /** Appends one line to a log and flushes; a log that cannot be written must not stop the job. */
    static void write(Writer w, String line) {
        synchronized (w) {
            try {
                w.write(line);
                w.write('\n');
                w.flush();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    /** At most 200 characters of a line, for messages. */
    static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
