package dev.lvsa.runner.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.JobStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the user sees: jobs done/total, steps of the running job, elapsed and time left. */
class ProgressBarTest {
    static JobRow job(String id, int frames) {
        return new JobRow(
                id,
                0,
                "tiny-wan",
                "tiny-wan",
                "lvsa",
                "lvsa",
                "{}",
                1,
                frames,
                64,
                96,
                4,
                5,
                "p",
                "t",
                "",
                0,
                "auto",
                null,
                null,
                16,
                "none",
                "x",
                "videos/x.mp4",
                "{}",
                JobStatus.PENDING,
                null);
    }

    @Test
    void bar_shows_jobs_steps_and_time_left() {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar =
                new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), ProgressBar.Mode.BAR, now::get);
        bar.runStarted(4, 1, 1);
        now.set(5_000_000_000L); // the worker took 5 s to start: not part of the estimate
        bar.jobStarted(job("a", 33), "cpu", 1, 1);
        now.set(15_000_000_000L);
        bar.jobFinished(job("a", 33), "ok", "", 10);
        bar.jobStarted(job("b", 65), "cpu", 1, 1);
        bar.jobProgress(job("b", 65), "cpu", 2, 4);
        // 1 done before, 1 done now and half of another: 1.5 jobs in 10 s, 1.5 left -> about 10 s left
        assertThat(bar.barText())
                .contains("2/4 jobs")
                .contains("lvsa 65f step 2/4")
                .contains("0:15 elapsed")
                .contains("~0:10 left");
        bar.runFinished();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains("4 jobs: 1 finished earlier, 3 to run on 1 worker")
                .contains("[2/4] ok tiny-wan lvsa")
                .contains("\r");
    }

    @Test
    void plain_mode_writes_lines_without_control_characters() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), ProgressBar.Mode.PLAIN);
        bar.runStarted(2, 0, 1);
        bar.jobStarted(job("a", 33), "cpu", 1, 1);
        bar.jobProgress(job("a", 33), "cpu", 1, 4);
        bar.jobFinished(job("a", 33), "oom", "out of memory", 1);
        bar.runFinished();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .doesNotContain("\r")
                .doesNotContain("\033")
                .contains("[1/2] start tiny-wan lvsa 33f p s0 on cpu")
                .contains("[1/2] oom tiny-wan lvsa 33f p s0 (1.0 s): out of memory");
        assertThat(ProgressBar.clock(3725)).isEqualTo("1:02:05");
    }
}
