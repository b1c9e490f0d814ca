package dev.lvsa.runner.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lvsa.common.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's rules, on hand-made jobs: idempotent registration, results written once, recovery, locking. */
public class LedgerTest {
    public static JobRow job(String id) {
        return new JobRow(
                id,
                -1,
                "tiny-wan",
                "tiny-wan",
                "dense",
                "dense",
                "{}",
                1.0,
                33,
                64,
                96,
                4,
                5.0,
                "p",
                "a prompt",
                "",
                0,
                "auto",
                null,
                null,
                16,
                "none",
                "plans/p.json",
                "videos/" + id + ".mp4",
                "{}",
                JobStatus.PENDING,
                null);
    }

    static ResultRow ok() {
        return new ResultRow(
                "ok",
                null,
                1.0,
                0.5,
                "process_peak_rss",
                1.0,
                1.0,
                "sdpa-gather",
                "cpu",
                "fp32",
                null,
                "[0.1]",
                0.1,
                1,
                true,
                2.0,
                33,
                "/x.mp4",
                "33 frames written",
                "{}");
    }

    @Test
    void registering_twice_adds_nothing_and_keeps_order(@TempDir Path dir) {
        try (Ledger l = Ledger.open(dir)) {
            assertThat(l.register(List.of(job("a"), job("b")))).isEqualTo(2);
            assertThat(l.register(List.of(job("b"), job("a"), job("c")))).isEqualTo(1);
            assertThat(l.jobs()).extracting(JobRow::jobId).containsExactly("a", "b", "c");
            assertThat(l.jobs()).extracting(JobRow::seq).containsExactly(0, 1, 2);
            assertThat(l.query("PRAGMA journal_mode").get(0).values()).containsExactly("wal");
        }
    }

    @Test
    void a_result_is_written_once(@TempDir Path dir) {
        try (Ledger l = Ledger.open(dir)) {
            l.register(List.of(job("a")));
            Recorder r = l.recorder();
            Attempt a1 = r.startAttempt("a", "local", "cpu", 1L, 1L, "cpu");
            r.finish(a1, ok());
            assertThat(l.job("a").status()).isEqualTo(JobStatus.OK);
            Attempt a2 = r.startAttempt("a", "local", "cpu", 1L, 1L, "cpu");
            assertThatThrownBy(() -> r.finish(a2, ok()))
                    .isInstanceOf(LedgerException.class)
                    .hasMessageContaining("UNIQUE");
            // the failed transaction left nothing behind: the second attempt is still 'running', one result row
            assertThat(l.query("SELECT COUNT(*) AS n FROM results").get(0).get("n"))
                    .isEqualTo(1);
            assertThat(l.query("SELECT outcome FROM attempts WHERE number = 2")
                            .get(0)
                            .get("outcome"))
                    .isEqualTo("running");
        }
    }

    @Test
    void retries_count_only_crashes_and_hangs(@TempDir Path dir) {
        try (Ledger l = Ledger.open(dir)) {
            l.register(List.of(job("a")));
            Recorder r = l.recorder();
            r.fail(r.startAttempt("a", "local", "cpu", 1L, 1L, "cpu"), Attempt.CRASHED, "boom");
            r.fail(r.startAttempt("a", "local", "cpu", 1L, 1L, "cpu"), Attempt.HUNG, "silent");
            r.startAttempt("a", "local", "cpu", 1L, 1L, "cpu");
            assertThat(l.recoverInterrupted()).hasSize(1);
            assertThat(r.countedFailures("a")).isEqualTo(2);
            assertThat(l.job("a").status()).isEqualTo(JobStatus.PENDING);
            List<Map<String, Object>> outcomes = l.query("SELECT outcome FROM attempts ORDER BY number");
            assertThat(outcomes).extracting(m -> m.get("outcome")).containsExactly("crashed", "hung", "interrupted");
        }
    }

    @Test
    void give_up_writes_the_runners_verdict(@TempDir Path dir) {
        try (Ledger l = Ledger.open(dir)) {
            l.register(List.of(job("a")));
            Recorder r = l.recorder();
            r.giveUp(
                    r.startAttempt("a", "local", "cpu", 1L, 1L, "cpu"),
                    Attempt.HUNG,
                    ResultRow.runnerVerdict("timeout", "worker_hung", "no result in time"));
            assertThat(l.job("a").status()).isEqualTo(JobStatus.TIMEOUT);
            assertThat(l.table().get(0))
                    .containsEntry("result_status", "timeout")
                    .containsEntry("error_code", "worker_hung");
        }
    }

    @Test
    void a_run_folder_with_spaces_and_quotes(@TempDir Path dir) {
        Path odd = dir.resolve("run 'one'; $(x) \"two\"");
        try (Ledger l = Ledger.open(odd)) {
            l.register(List.of(job("a")));
        }
        try (Ledger l = Ledger.openExisting(odd)) {
            assertThat(l.jobs()).hasSize(1);
        }
    }

    @Test
    void not_a_run_folder(@TempDir Path dir) {
        assertThatThrownBy(() -> Ledger.openExisting(dir))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a run folder");
    }

    @Test
    void one_runner_per_folder(@TempDir Path dir) {
        try (RunLock lock = RunLock.acquire(dir)) {
            assertThatThrownBy(() -> RunLock.acquire(dir))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("in use by another lvsa-runner");
        }
        RunLock.acquire(dir).close();
    }

    @Test
    void an_archived_run_opens_as_a_read_only_snapshot(@TempDir Path dir) {
        try (Ledger l = Ledger.open(dir)) {
            l.register(List.of(job("a"), job("b")));
        }
        // what status, export and report get in a folder they cannot write (a read-only mount)
        try (Ledger l = Ledger.openSnapshot(dir)) {
            assertThat(l.jobs()).extracting(JobRow::jobId).containsExactly("a", "b");
            assertThatThrownBy(() -> l.register(List.of(job("c")))).hasMessageContaining("readonly");
        }
        assertThat(dir.resolve(Ledger.FILE + "-wal")).doesNotExist();
    }
}
