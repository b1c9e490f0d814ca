package dev.lvsa.vqeval.cli;

import dev.lvsa.common.BadInputException;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import dev.lvsa.vqeval.VqEval;
import dev.lvsa.vqeval.api.EvaluationReport;
import dev.lvsa.vqeval.api.Preset;
import dev.lvsa.vqeval.batch.BatchInput;
import dev.lvsa.vqeval.batch.BatchRunner;
import dev.lvsa.vqeval.batch.Calibrator;
import dev.lvsa.vqeval.batch.Outcome;
import dev.lvsa.vqeval.batch.VideoListing;
import dev.lvsa.vqeval.io.PresetFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vqeval calibrate DIR --out preset.json}. */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Derives normalisation ranges from your own videos: each scored metric's low and high "
                    + "percentiles over the set become its 0 and 100. Use the preset with --preset on evaluate or batch.",
            "Calibrate on a set that represents what you compare (e.g. all outputs of an experiment)."
        })
public final class CalibrateCommand extends ScoringCommand {

    @Parameters(paramLabel = "DIR", description = "Folder of videos (searched recursively).")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Preset file to write (JSON).")
    Path out;

    @Option(
            names = "--percentiles",
            paramLabel = "LOW,HIGH",
            defaultValue = "5,95",
            split = ",",
            description = "Percentiles mapped to the worse and better ends (default 5,95).")
    double[] percentiles;

    @Option(names = "--name", paramLabel = "NAME", description = "Preset name (default: the folder's name).")
    String name;

    @Option(names = "--jobs", paramLabel = "N", description = "Videos scored at once (default 2).")
    Integer jobs;

    @Option(
            names = "--progress",
            description = "Progress display: ${COMPLETION-CANDIDATES} (default auto: a bar "
                    + "on a terminal, plain lines otherwise).",
            defaultValue = "auto")
    ProgressMode progress;

    @Override
    public Integer call() throws IOException, InterruptedException {
        requireFolder(dir);
        requireWritableFile("--out", out);
        if (percentiles.length != 2) {
            throw new BadInputException("--percentiles takes two numbers, e.g. 5,95");
        }
        Calibrator calibrator;
        try {
            calibrator = new Calibrator(percentiles[0], percentiles[1]);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        List<BatchInput> inputs = VideoListing.fromFolder(dir);
        if (inputs.size() < 2) {
            throw new BadInputException(dir + ": calibration needs at least 2 videos, found " + inputs.size());
        }
        VqEval vq = scoring.build(false);
        int n = jobsOrDefault(jobs);
        PrintWriter err = spec.commandLine().getErr();
        List<Outcome> outcomes = new BatchRunner(vq, n).run(inputs, null, false, listenerFor(progress, err));
        for (Outcome o : outcomes) {
            if (!o.ok()) {
                err.println("vqeval: " + o.input().shown() + ": " + o.error() + " (skipped)");
            }
        }
        List<EvaluationReport> reports =
                outcomes.stream().filter(Outcome::ok).map(Outcome::report).toList();
        if (reports.size() < 2) {
            err.println(
                    "vqeval: " + dir + ": only " + reports.size() + " video(s) could be scored; calibration needs 2");
            return ExitCodes.FAILURE;
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("source", dir.toString());
        provenance.put("created", Instant.now().toString());
        String presetName = name != null
                ? name
                : dir.toAbsolutePath().normalize().getFileName().toString();
        Preset preset = calibrator.calibrate(presetName, reports, vq.dimensions(), provenance);
        PresetFiles.write(out, preset);
        PrintWriter o = spec.commandLine().getOut();
        o.println("vqeval: wrote preset '" + presetName + "' with "
                + preset.ranges().size() + " ranges from " + reports.size() + " videos to " + out);
        o.flush();
        return outcomes.size() == reports.size() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }
}
