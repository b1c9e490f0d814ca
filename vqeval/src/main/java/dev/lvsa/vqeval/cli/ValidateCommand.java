package dev.lvsa.vqeval.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lvsa.common.AtomicFiles;
import dev.lvsa.common.BadInputException;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import dev.lvsa.vqeval.VqEval;
import dev.lvsa.vqeval.api.EvaluationReport;
import dev.lvsa.vqeval.batch.BatchInput;
import dev.lvsa.vqeval.batch.BatchRunner;
import dev.lvsa.vqeval.batch.Outcome;
import dev.lvsa.vqeval.io.Csv;
import dev.lvsa.vqeval.validate.Label;
import dev.lvsa.vqeval.validate.Tolerance;
import dev.lvsa.vqeval.validate.Validation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vqeval validate DIR --labels labels.csv}: VQeval's verdicts against a labelled set. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Scores a labelled set of videos and checks VQeval against the labels: AUROC of "
                    + "loop_quality (loop and freeze vs clean), loops flagged with their period and onset, freezes with "
                    + "their onset, clean videos not flagged. Prints the figures and every disagreement; with --out also "
                    + "writes validation.json, validation.csv and one report JSON per video.",
            "Labels: a CSV with columns file, label (loop, freeze, clean; other words are listed, not judged), and "
                    + "optionally period_frames and onset_frame.",
            "Exit: 0 goals met, 1 goals not met (or a video failed), 2 bad input."
        })
public final class ValidateCommand extends ScoringCommand {

    @Parameters(
            paramLabel = "DIR",
            arity = "0..1",
            description = "Folder of the videos (default: the labels file's folder).")
    Path dir;

    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "The labels CSV.")
    Path labels;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write validation.json, validation.csv and the reports here.")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "Videos scored at once (default: 2, or 1 on one core).")
    Integer jobs;

    @Option(
            names = "--period-tolerance",
            paramLabel = "T",
            defaultValue = "10%",
            description =
                    "A found period agrees when within T frames (e.g. 2) or T of the labelled period (e.g. 10%%); "
                            + "default ${DEFAULT-VALUE}.")
    String periodTolerance;

    @Option(
            names = "--loop-onset-tolerance",
            paramLabel = "FRAMES",
            defaultValue = "24",
            description = "A loop's first repeated frame agrees within this many frames (default ${DEFAULT-VALUE}).")
    int loopOnset;

    @Option(
            names = "--freeze-onset-tolerance",
            paramLabel = "FRAMES",
            defaultValue = "24",
            description = "A freeze onset agrees within this many frames (default ${DEFAULT-VALUE}).")
    int freezeOnset;

    @Option(
            names = "--flag-below",
            paramLabel = "S",
            defaultValue = "50",
            description = "A video is flagged when loop_quality is below S (default ${DEFAULT-VALUE}).")
    double flagBelow;

    @Option(
            names = "--min-auroc",
            paramLabel = "A",
            defaultValue = "0.97",
            description = "Goal for the AUROC (default ${DEFAULT-VALUE}).")
    double minAuroc;

    @Option(
            names = "--min-hit-rate",
            paramLabel = "R",
            defaultValue = "1.0",
            description = "Goal for every per-video check's share of agreements (default ${DEFAULT-VALUE}: all).")
    double minHitRate;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Tolerance tolerance;
        try {
            tolerance = Tolerance.parse(periodTolerance);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--period-tolerance: " + e.getMessage());
        }
        List<Label> truth = readLabels();
        Path videos = dir != null ? dir : labels.toAbsolutePath().getParent();
        requireFolder(videos);
        Path reportsDir = null;
        if (out != null) {
            requireWritableFolder("--out", out);
            reportsDir = out.resolve("videos");
            requireWritableFolder("--out", reportsDir);
        }
        List<BatchInput> inputs = new ArrayList<>();
        for (Label l : truth) {
            inputs.add(new BatchInput(
                    videos.resolve(l.file()), l.file(), l.file().replaceAll("[^A-Za-z0-9._-]", "_"), Map.of()));
        }
        VqEval vq = scoring.build(true);
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BatchRunner.Listener progress = quiet ? null : progressTo(err, false);
        List<Outcome> outcomes = new BatchRunner(vq, jobsOrDefault(jobs)).run(inputs, reportsDir, false, progress);
        List<EvaluationReport> reports = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Outcome o : outcomes) {
            reports.add(o.ok() ? o.report() : null);
            errors.add(o.ok() ? null : o.error());
        }
        Validation.Figures f = Validation.judge(
                truth,
                reports,
                errors,
                new Validation.Rules(flagBelow, tolerance, loopOnset, freezeOnset, minAuroc, minHitRate));
        String text = f.table() + f.summary() + (f.meetsGoals() ? "goals met" : "goals NOT met") + "\n";
        w.print(text);
        w.flush();
        if (out != null) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.writeString(out.resolve("validation.json"), json.writeValueAsString(f.toMap()) + "\n");
            AtomicFiles.writeString(out.resolve("validation.txt"), text);
            AtomicFiles.writeString(out.resolve("validation.csv"), csv(f));
            err.println("vqeval: wrote " + out.resolve("validation.json") + ", validation.csv, validation.txt");
            err.flush();
        }
        return f.meetsGoals() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private List<Label> readLabels() {
        if (!Files.isRegularFile(labels)) {
            throw new BadInputException(
                    "--labels " + labels + ": " + (Files.exists(labels) ? "not a file" : "no such file"));
        }
        try {
            return Label.read(labels);
        } catch (IOException e) {
            throw new BadInputException("--labels " + e.getMessage());
        }
    }

    private static String csv(Validation.Figures f) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (Validation.Row r : f.rows()) {
            rows.add(List.of(
                    r.label().file(),
                    r.label().word(),
                    s(r.loopQuality()),
                    s(r.label().periodFrames()),
                    s(r.period()),
                    s(r.label().onsetFrame()),
                    s(r.firstRepeat()),
                    s(r.freezeOnset()),
                    r.error() == null ? "" : r.error(),
                    String.join("; ", r.disagreements())));
        }
        return Csv.format(
                List.of(
                        "file",
                        "label",
                        "loop_quality",
                        "period_labelled",
                        "period_found",
                        "onset_labelled",
                        "first_repeat_found",
                        "freeze_onset_found",
                        "error",
                        "disagreements"),
                rows);
    }

    private static String s(Object o) {
        return o == null ? "" : o.toString();
    }
}
