package dev.lvsa.datasets.cli;

import dev.lvsa.common.BadInputException;
import dev.lvsa.common.VersionProvider;
import dev.lvsa.datasets.synthetic.ClipLabel;
import dev.lvsa.datasets.synthetic.LabelsCsv;
import dev.lvsa.datasets.synthetic.Validation;
import dev.lvsa.vqeval.io.Csv;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lvsa-datasets validate}: VQeval's figures on a scored synthetic set. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Compares a 'vqeval batch' summary.csv of the synthetic set with its labels.csv and prints "
                    + "the figures: loop-vs-clean AUROC, period accuracy, freeze-onset error.",
            "Exit 0 when the issue's targets are met, 1 when not, 2 on bad input."
        })
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "labels.csv of the set.")
    Path labels;

    @Option(names = "--summary", required = true, paramLabel = "FILE", description = "summary.csv from vqeval batch.")
    Path summary;

    @Option(names = "--table", description = "Also print one line per clip.")
    boolean table;

    @Override
    public Integer call() throws IOException {
        List<ClipLabel> truth;
        Csv.Table s;
        try {
            truth = LabelsCsv.read(labels);
            s = Csv.read(summary);
        } catch (IOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        Map<String, Map<String, String>> byVideo = new HashMap<>();
        for (List<String> r : s.rows()) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < s.header().size(); i++) {
                m.put(s.header().get(i), r.get(i));
            }
            byVideo.put(Path.of(m.getOrDefault("video", "")).getFileName().toString(), m);
        }
        List<Validation.Scored> rows = new ArrayList<>();
        for (ClipLabel l : truth) {
            Map<String, String> m = byVideo.get(l.file());
            if (m == null || !"ok".equals(m.get("status"))) {
                throw new BadInputException(summary + ": no scored row for " + l.file());
            }
            try {
                rows.add(new Validation.Scored(
                        l,
                        num(m.get("loop_quality")),
                        Boolean.parseBoolean(m.get("cycle_detected")),
                        integer(m.get("cycle_period_frames")),
                        integer(m.get("freeze_onset_frame")),
                        num(m.get("stutter_ratio")),
                        num(m.get("freeze_ratio")),
                        num(m.get("composite_score"))));
            } catch (NumberFormatException e) {
                // a summary.csv edited by hand or from another tool: the user's file, not a bug
                throw new BadInputException(
                        summary + ": the row for " + l.file() + " holds a value that is not a number (" + e.getMessage()
                                + ")",
                        e);
            }
        }
        Validation.Figures f = Validation.figures(rows);
        PrintWriter out = spec.commandLine().getOut();
        if (table) {
            out.print(Validation.table(rows));
        }
        out.print(f.summary());
        out.println(f.meetsTargets() ? "targets met" : "targets NOT met");
        out.flush();
        return f.meetsTargets() ? 0 : 1;
    }

    private static double num(String s) {
        return s == null || s.isBlank() ? Double.NaN : Double.parseDouble(s);
    }

    private static Integer integer(String s) {
        return s == null || s.isBlank() ? null : (int) Math.round(Double.parseDouble(s));
    }
}
