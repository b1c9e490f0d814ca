package dev.lvsa.vqeval.validate;

import dev.lvsa.vqeval.io.Csv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of a labels file: a video, what it is, and where. Columns (others are ignored): {@code file}
 * (relative to the labels file's folder), {@code label} ({@code loop}, {@code freeze} or {@code clean};
 * any other word, e.g. {@code stutter}, is listed but not judged), {@code period_frames} (a loop's replay
 * lag) and {@code onset_frame} (a loop's first replayed frame, a freeze's first still frame); both optional.
 */
public record Label(String file, Kind kind, String word, Integer periodFrames, Integer onsetFrame) {

    /** What a label asks of VQeval. */
    public enum Kind {
        LOOP,
        FREEZE,
        CLEAN,
        OTHER
    }

    /** Reads a labels file; bad rows are errors naming the file, the row and the cause. */
    public static List<Label> read(Path file) throws IOException {
        Csv.Table t;
        try {
            t = Csv.read(file);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a readable CSV (" + e.getMessage() + ")");
        }
        int fileCol = t.header().indexOf("file");
        int labelCol = t.header().indexOf("label");
        if (fileCol < 0 || labelCol < 0) {
            throw new IOException(file + ": needs the columns 'file' and 'label' (has " + t.header() + ")");
        }
        int periodCol = t.header().indexOf("period_frames");
        int onsetCol = t.header().indexOf("onset_frame");
        List<Label> out = new ArrayList<>();
        int line = 1;
        for (List<String> r : t.rows()) {
            line++;
            String word = cell(r, labelCol).toLowerCase(Locale.ROOT);
            Kind kind = switch (word) {
                case "loop" -> Kind.LOOP;
                case "freeze" -> Kind.FREEZE;
                case "clean" -> Kind.CLEAN;
                default -> Kind.OTHER;
            };
            try {
                out.add(new Label(cell(r, fileCol), kind, word, integer(r, periodCol), integer(r, onsetCol)));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": row " + line + ": period_frames and onset_frame must be whole numbers");
            }
            if (cell(r, fileCol).isBlank()) {
                throw new IOException(file + ": row " + line + ": empty 'file'");
            }
        }
        if (out.isEmpty()) {
            throw new IOException(file + ": no labelled videos");
        }
        return out;
    }

    private static String cell(List<String> r, int col) {
        return col >= 0 && col < r.size() ? r.get(col).trim() : "";
    }

    private static Integer integer(List<String> r, int col) {
        String s = cell(r, col);
        return s.isEmpty() ? null : (int) Math.round(Double.parseDouble(s));
    }
}
