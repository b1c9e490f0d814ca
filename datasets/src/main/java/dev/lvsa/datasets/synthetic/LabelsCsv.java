package dev.lvsa.datasets.synthetic;

import dev.lvsa.vqeval.io.Csv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads {@code labels.csv} back into labels. */
public final class LabelsCsv {

    private LabelsCsv() {}

    public static List<ClipLabel> read(Path file) throws IOException {
        Csv.Table t = Csv.read(file);
        if (!t.header().containsAll(SyntheticSet.LABEL_COLUMNS)) {
            throw new IOException("not a labels.csv of the synthetic set (columns " + t.header() + ")");
        }
        List<ClipLabel> out = new ArrayList<>();
        for (List<String> r : t.rows()) {
            java.util.function.Function<String, String> c =
                    name -> r.get(t.header().indexOf(name));
            String cuts = c.apply("cut_frames");
            try {
                out.add(new ClipLabel(
                        c.apply("file"),
                        ClipKind.parse(c.apply("kind")),
                        Boolean.parseBoolean(c.apply("looped")),
                        integer(c.apply("period_frames")),
                        integer(c.apply("first_repeat_frame")),
                        Boolean.parseBoolean(c.apply("pingpong")),
                        integer(c.apply("freeze_onset_frame")),
                        Boolean.parseBoolean(c.apply("stutter")),
                        Integer.parseInt(c.apply("duplicated_frames")),
                        cuts.isBlank()
                                ? List.of()
                                : Arrays.stream(cuts.split(";"))
                                        .map(Integer::valueOf)
                                        .toList(),
                        Integer.parseInt(c.apply("frames")),
                        Integer.parseInt(c.apply("width")),
                        Integer.parseInt(c.apply("height")),
                        Integer.parseInt(c.apply("fps")),
                        Double.parseDouble(c.apply("noise_sigma")),
                        Boolean.parseBoolean(c.apply("reencoded")),
                        Long.parseLong(c.apply("seed"))));
            } catch (IllegalArgumentException e) {
                throw new IOException("bad row for " + c.apply("file") + ": " + e.getMessage());
            }
        }
        return out;
    }

    static Integer integer(String s) {
        return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
    }
}
