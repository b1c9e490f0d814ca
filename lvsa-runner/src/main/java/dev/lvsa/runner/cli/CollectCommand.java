package dev.lvsa.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import dev.lvsa.runner.experiment.ScoringSettings;
import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.Ledger;
import dev.lvsa.runner.ledger.RunLock;
import dev.lvsa.runner.progress.ProgressBar;
import dev.lvsa.runner.scoring.BacklogScorer;
import dev.lvsa.runner.scoring.Scorer;
import dev.lvsa.runner.slurm.ResultCollector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lvsa-runner collect}: ingest Slurm results into the ledger and score them. */
@Command(
        name = "collect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Ingest the results Slurm array tasks wrote into RUN_DIR/slurm/results/ into the ledger, then "
                + "score the new videos with VQeval (the experiment's scoring settings). 'run' does the same first.")
public final class CollectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run folder")
    Path runDir;

    @Option(names = "--no-score", description = "do not score the collected videos now")
    boolean noScore;

    @Option(
            names = "--speed-runs-without-videos",
            description = "record the timings of speed-only jobs (dummy "
                    + "weights, timed steps) whose videos stayed on the host that ran them (real-size videos are large and "
                    + "mean nothing there); other jobs still need their video")
    boolean speedRunsWithoutVideos;

    @Option(
            names = {"-v", "--verbose"},
            description = "show stack traces")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = runDir.toAbsolutePath().normalize();
        try (Ledger ledger = Ledger.openExisting(dir);
                RunLock lock = RunLock.acquire(dir)) {
            ProgressBar bar = new ProgressBar(System.err, ProgressBar.autoMode());
            List<JobRow> got = ResultCollector.collect(ledger, dir, bar::note, speedRunsWithoutVideos);
            int scored = 0;
            ScoringSettings s = scoring(ledger.getMeta("scoring"));
            if (!noScore && s.enabled()) {
                scored = BacklogScorer.scoreAll(ledger, dir, new Scorer(s), bar);
            }
            long waiting = ledger.jobs().stream()
                    .filter(j -> j.status().id().equals("submitted"))
                    .count();
            out.printf(
                    "%s: collected %d result(s), scored %d video(s); %d job(s) still waiting for a result%n",
                    dir, got.size(), scored, waiting);
            out.flush();
        }
        return ExitCodes.OK;
    }

    static ScoringSettings scoring(String json) throws Exception {
        if (json == null) {
            return ScoringSettings.defaults();
        }
        JsonNode n = new ObjectMapper().readTree(json);
        Map<String, Double> weights = new LinkedHashMap<>();
        n.path("weights")
                .fields()
                .forEachRemaining(e -> weights.put(e.getKey(), e.getValue().asDouble()));
        return new ScoringSettings(
                n.path("enabled").asBoolean(true), weights, n.path("stride").asInt(1));
    }
}
