package dev.lvsa.datasets.cli;

import dev.lvsa.common.BadInputException;
import dev.lvsa.common.VersionProvider;
import dev.lvsa.datasets.synthetic.ClipKind;
import dev.lvsa.datasets.synthetic.ClipLabel;
import dev.lvsa.datasets.synthetic.Mp4Writer;
import dev.lvsa.datasets.synthetic.SyntheticSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lvsa-datasets synth --out DIR}: the labelled synthetic video set. */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Generates the labelled synthetic set (deterministic for a seed): clean motion (objects, pan, "
                    + "drift, slow motion, cuts), loops (exact, late, drifting, noisy + re-encoded, ping-pong), freezes and "
                    + "stutter, as mp4 files plus labels.csv."
        })
public final class SynthCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Option(
            names = "--count",
            defaultValue = "48",
            paramLabel = "N",
            description = "Number of clips (default 48: 4 of each of the 12 kinds).")
    int count;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Set seed (default 1).")
    long seed;

    @Option(
            names = "--size",
            defaultValue = "256x144",
            paramLabel = "WxH",
            description = "Frame size, even numbers, 64x48..1920x1080 (default 256x144).")
    String size;

    @Option(
            names = "--kinds",
            split = ",",
            paramLabel = "KIND",
            description = "Only these kinds (default all): objects, pan, drift, slowmo, cuts, loop_exact, loop_late, "
                    + "loop_drift, loop_noise, pingpong, freeze, stutter.")
    List<String> kinds;

    @Option(
            names = "--codec",
            defaultValue = "h264",
            paramLabel = "CODEC",
            description = "h264 (bundled libopenh264, default) or mpeg4.")
    String codec;

    @Option(
            names = "--jobs",
            defaultValue = "2",
            paramLabel = "N",
            description = "Clips generated at once (default 2; the output does not depend on it).")
    int jobs;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress lines.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        int[] wh = frameSize();
        Mp4Writer.Codec c = parseCodec();
        List<ClipKind> chosen = chosenKinds();
        if (count < 1) {
            throw new BadInputException("--count must be >= 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        SyntheticSet set;
        try {
            set = new SyntheticSet(wh[0], wh[1], c);
        } catch (IllegalArgumentException e) {
            // the only check of the constructor: the frame size
            throw new BadInputException(e.getMessage(), e);
        }
        List<ClipLabel> labels = set.generate(
                out,
                count,
                seed,
                chosen,
                Math.max(1, jobs),
                quiet
                        ? null
                        : (label, done, total) -> {
                            err.printf("lvsa-datasets: %d/%d %s%n", done, total, label.file());
                            err.flush();
                        });
        PrintWriter o = spec.commandLine().getOut();
        o.println("lvsa-datasets: wrote " + labels.size() + " clips and labels.csv to " + out);
        o.flush();
        return 0;
    }

    /** --size as {width, height}. */
    private int[] frameSize() {
        String[] wh = size.toLowerCase().split("x");
        try {
            if (wh.length != 2) {
                throw new NumberFormatException();
            }
            return new int[] {Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim())};
        } catch (NumberFormatException e) {
            throw new BadInputException("--size must look like 256x144, got '" + size + "'");
        }
    }

    private Mp4Writer.Codec parseCodec() {
        return switch (codec.toLowerCase()) {
            case "h264" -> Mp4Writer.Codec.H264;
            case "mpeg4" -> Mp4Writer.Codec.MPEG4;
            default -> throw new BadInputException("--codec must be h264 or mpeg4, got '" + codec + "'");
        };
    }

    /** The kinds named by --kinds, or every kind. */
    private List<ClipKind> chosenKinds() {
        List<ClipKind> chosen = new ArrayList<>();
        if (kinds == null || kinds.isEmpty()) {
            chosen.addAll(Arrays.asList(ClipKind.values()));
        } else {
            for (String k : kinds) {
                try {
                    chosen.add(ClipKind.parse(k));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("unknown kind '" + k + "' (kinds: "
                            + Arrays.stream(ClipKind.values())
                                    .map(ClipKind::label)
                                    .toList() + ")");
                }
            }
        }
        return chosen;
    }
}
