package dev.lvsa.runner.scoring;

import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.Ledger;
import dev.lvsa.runner.ledger.ScoreRow;
import dev.lvsa.runner.progress.RunListener;
import java.nio.file.Path;

/** Scores, one after another, every ok job of a ledger that has no score yet (e.g. results collected from Slurm). */
public final class BacklogScorer {
    private BacklogScorer() {}

    /** @return how many videos were scored (successfully or not) */
    public static int scoreAll(Ledger ledger, Path runDir, Scorer scorer, RunListener listener) {
        int n = 0;
        for (JobRow j : ledger.recorder().unscored()) {
            ScoreRow s = scorer.score(runDir.resolve(j.videoPath()), j.videoPath());
            ledger.recorder().score(j.jobId(), s);
            listener.scored(j, s);
            n++;
        }
        return n;
    }
}
