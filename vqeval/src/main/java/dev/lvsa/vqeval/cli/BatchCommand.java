package dev.lvsa.vqeval.cli;

import dev.lvsa.common.BadInputException;
import dev.lvsa.common.CliErrors;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import dev.lvsa.vqeval.VqEval;
import dev.lvsa.vqeval.api.BatchHtmlRenderer;
import dev.lvsa.vqeval.batch.BatchInput;
import dev.lvsa.vqeval.batch.BatchRunner;
import dev.lvsa.vqeval.batch.Outcome;
import dev.lvsa.vqeval.batch.SummaryTable;
import dev.lvsa.vqeval.batch.VideoListing;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vqeval batch DIR --out DIR} or {@code vqeval batch --from-csv FILE --out DIR}. */
@Command(
        name = "batch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Scores every video in a folder (recursively) or listed in a CSV. Writes one JSON per video, "
                    + "summary.csv (scores, main sub-metrics, status, error, CSV columns carried through), failures.csv, "
                    + "and report.html when the reports module is on the class path. Goes on past bad files.",
            "Exit: 0 all scored, 3 some failed, 2 usage error."
        })
public final class BatchCommand extends ScoringCommand {

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Folder of videos (searched recursively).")
    Path dir;

    @Option(
            names = "--from-csv",
            paramLabel = "FILE",
            description =
                    "CSV with a video path column (paths relative to the CSV); other columns are carried through.")
    Path csv;

    @Option(
            names = "--path-column",
            paramLabel = "NAME",
            description = "The CSV's video path column " + "(default: the first of "
                    + "path, video, video_path, file, filename, output, output_path, video_file).")
    String pathColumn;

    @Option(
            names = "--status-column",
            paramLabel = "NAME",
            description =
                    "Keep only CSV rows whose NAME equals --status-value (default: 'status' when the CSV has it).")
    String statusColumn;

    @Option(
            names = "--status-value",
            paramLabel = "VALUE",
            description = "Value kept by the status filter (default ok).")
    String statusValue;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created).")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "Videos scored at once (default: 2, or 1 on one core).")
    Integer jobs;

    @Option(names = "--profiles", description = "Include per-frame profiles in each JSON.")
    boolean profiles;

    @Option(
            names = "--progress",
            description = "Progress display: ${COMPLETION-CANDIDATES} (default auto: a bar "
                    + "on a terminal, plain lines otherwise).",
            defaultValue = "auto")
    ProgressMode progress;

    /** The videos to score and the extra columns to carry into the summary (from --from-csv). */
    private record Inputs(List<BatchInput> videos, List<String> extras) {}

    @Override
    public Integer call() throws IOException, InterruptedException {
        if ((dir == null) == (csv == null)) {
            throw new BadInputException("give either a folder DIR or --from-csv FILE (exactly one)");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outW = spec.commandLine().getOut();
        Inputs inputs = dir != null ? folderInputs() : csvInputs(err);
        requireWritableFolder("--out", out);
        VqEval vq = scoring.build(true);
        int n = jobsOrDefault(jobs);
        if (n < 1) {
            throw new BadInputException("--jobs must be >= 1");
        }
        List<String> dims = new ArrayList<>(vq.dimensions().keySet());
        List<Outcome> outcomes =
                new BatchRunner(vq, n).run(inputs.videos(), out, profiles, progressListener(inputs, dims, err));
        Path summary = SummaryTable.writeSummary(out, outcomes, dims, inputs.extras());
        Path failures = SummaryTable.writeFailures(out, outcomes);
        long failed = outcomes.stream().filter(o -> !o.ok()).count();
        for (Outcome o : outcomes) {
            if (!o.ok()) {
                err.println("vqeval: " + o.input().shown() + ": " + o.error());
            }
        }
        Path html = renderHtml(outcomes, inputs.extras(), err);
        outW.println("vqeval: scored " + (outcomes.size() - failed) + " of " + outcomes.size() + " videos"
                + (failed > 0 ? " (" + failed + " failed, listed in " + failures + ")" : "") + "; summary: " + summary
                + (html != null ? "; report: " + html : ""));
        outW.flush();
        err.flush();
        return failed > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
    }

    private Inputs folderInputs() throws IOException {
        requireFolder(dir);
        List<BatchInput> videos = VideoListing.fromFolder(dir);
        if (videos.isEmpty()) {
            throw new BadInputException(dir + ": no videos found (looked for "
                    + String.join(
                            ", ",
                            VideoListing.VIDEO_EXTENSIONS.stream().sorted().toList()) + ")");
        }
        return new Inputs(videos, List.of());
    }

    private Inputs csvInputs(PrintWriter err) {
        if (!Files.isRegularFile(csv)) {
            throw new BadInputException(csv + ": no such file");
        }
        VideoListing.CsvListing listing;
        try {
            listing = VideoListing.fromCsv(csv, pathColumn, statusColumn, statusValue);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            // Jackson reports a malformed CSV (an unterminated quote) as an unchecked exception
            throw new BadInputException("--from-csv " + csv + ": not a readable CSV ("
                    + CliErrors.oneLine(String.valueOf(e.getMessage())) + ")");
        }
        if (listing.skipped() > 0) {
            err.println("vqeval: " + csv + ": skipped " + listing.skipped() + " row(s)"
                    + (listing.filter() == null
                            ? " with an empty path"
                            : " not matching " + listing.filter() + " or with an empty path"));
        }
        if (listing.inputs().isEmpty()) {
            throw new BadInputException(csv + ": no rows to score");
        }
        return new Inputs(listing.inputs(), listing.extraColumns());
    }

    /**
     * Shows each finished video and, at most every 2 s while the batch runs, rewrites summary.csv with the videos
     * scored so far (a long batch that is stopped keeps what it did).
     */
    private BatchRunner.Listener progressListener(Inputs inputs, List<String> dims, PrintWriter err) {
        Outcome[] partial = new Outcome[inputs.videos().size()];
        Map<BatchInput, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < inputs.videos().size(); i++) {
            index.put(inputs.videos().get(i), i);
        }
        BatchRunner.Listener display = listener(err);
        long[] lastWrite = {0};
        return (o, done, total) -> {
            partial[index.get(o.input())] = o;
            if (display != null) {
                display.finished(o, done, total);
            }
            long now = System.nanoTime();
            if (now - lastWrite[0] > 2_000_000_000L && done < total) {
                lastWrite[0] = now;
                try {
                    SummaryTable.writeSummary(out, java.util.Arrays.asList(partial.clone()), dims, inputs.extras());
                } catch (IOException | RuntimeException e) {
                    err.println("vqeval: cannot update " + out.resolve("summary.csv") + ": " + e.getMessage());
                }
            }
        };
    }

    private BatchRunner.Listener listener(PrintWriter err) {
        return listenerFor(progress, err);
    }

    private Path renderHtml(List<Outcome> outcomes, List<String> extras, PrintWriter err) throws IOException {
        Iterator<BatchHtmlRenderer> it = ServiceLoader.load(
                        BatchHtmlRenderer.class, BatchCommand.class.getClassLoader())
                .iterator();
        if (!it.hasNext()) {
            err.println("vqeval: report.html needs the reports module on the class path; wrote JSON and CSV only");
            return null;
        }
        List<BatchHtmlRenderer.Item> items = new ArrayList<>();
        for (Outcome o : outcomes) {
            items.add(new BatchHtmlRenderer.Item(
                    o.input().shown(),
                    o.input().id(),
                    o.report(),
                    o.error(),
                    o.input().extra()));
        }
        return it.next().render(items, out);
    }
}
