package dev.lvsa.vqeval.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.vqeval.TestVideos;
import dev.lvsa.vqeval.io.Csv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vqeval batch} and {@code vqeval calibrate}: one JSON per video with unique names, a summary with
 * the main sub-metrics, failures listed and the batch going on, CSV input with columns carried through,
 * deterministic results, and presets that really change scores.
 */
class BatchCliTest {

    @TempDir
    static Path dir;

    static Path videos;

    @BeforeAll
    static void fixtures() throws Exception {
        videos = dir.resolve("videos");
        Files.createDirectories(videos.resolve("a"));
        Files.createDirectories(videos.resolve("b"));
        TestVideos.write(videos.resolve("a/clip.mp4"), 96, 64, 60, 16, TestVideos.clean());
        TestVideos.write(videos.resolve("b/clip.mp4"), 96, 64, 60, 16, TestVideos.loop(15));
        TestVideos.write(videos.resolve("clip.mkv"), 96, 64, 60, 16, TestVideos.freeze(30));
        Files.writeString(videos.resolve("broken.mp4"), "not a video");
        Files.writeString(videos.resolve("notes.txt"), "ignored: not a video extension");
    }

    static Map<String, Map<String, String>> rowsById(Path summary) throws Exception {
        Csv.Table t = Csv.read(summary);
        return t.rows().stream()
                .collect(Collectors.toMap(
                        r -> r.get(0),
                        r -> IntStream.range(0, t.header().size())
                                .boxed()
                                .collect(Collectors.toMap(t.header()::get, r::get))));
    }

    @Test
    void folderBatchGoesOnPastBadFilesAndExitsThree() throws Exception {
        Path out = dir.resolve("out1");
        CliTest.Run r = CliTest.run("batch", videos.toString(), "--out", out.toString(), "--progress", "lines");
        assertThat(r.code()).isEqualTo(3);
        assertThat(out.resolve("a__clip.json")).exists();
        assertThat(out.resolve("b__clip.json")).exists();
        assertThat(out.resolve("clip.json")).exists();
        assertThat(out.resolve("broken.json")).doesNotExist();
        assertThat(r.err())
                .contains("vqeval: broken.mp4: not a video")
                .contains("4/4 videos")
                .contains("1 failed");
        assertThat(r.out()).contains("scored 3 of 4 videos").contains("report: ");
        // the renderer found through ServiceLoader (a test stand-in for the reports module) got every item
        assertThat(java.nio.file.Files.readAllLines(out.resolve("report.html")))
                .hasSize(5)
                .anyMatch(l -> l.startsWith("broken failed not a video"))
                .anyMatch(l -> l.startsWith("b__clip ok "));

        Csv.Table t = Csv.read(out.resolve("summary.csv"));
        assertThat(t.header())
                .contains(
                        "status",
                        "error",
                        "composite_score",
                        "loop_quality",
                        "cycle_detected",
                        "cycle_period_frames",
                        "first_repeat_frame",
                        "duplicate_pair_ratio",
                        "freeze_ratio",
                        "freeze_onset_frame",
                        "mean_flow_pct",
                        "ssim_mean",
                        "vbench_subject_consistency",
                        "vbench_dynamic_degree",
                        "norepeat",
                        "repeat_ratio");
        Map<String, Map<String, String>> rows = rowsById(out.resolve("summary.csv"));
        assertThat(rows.get("b__clip")).containsEntry("status", "ok").containsEntry("cycle_period_frames", "15");
        assertThat(rows.get("clip").get("freeze_onset_frame")).isIn("29", "30", "31");
        assertThat(rows.get("a__clip")).containsEntry("cycle_detected", "false");
        assertThat(rows.get("broken")).containsEntry("status", "failed");
        assertThat(rows.get("broken").get("error")).contains("not a video");
        assertThat(Csv.read(out.resolve("failures.csv")).rows()).hasSize(1);
        assertThat(new ObjectMapper()
                        .readTree(out.resolve("b__clip.json").toFile())
                        .path("video")
                        .asText())
                .isEqualTo("b/clip.mp4");
    }

    @Test
    void aCleanBatchExitsZeroAndIsDeterministic() throws Exception {
        Path in = dir.resolve("good");
        Files.createDirectories(in);
        Files.copy(videos.resolve("a/clip.mp4"), in.resolve("one.mp4"));
        Files.copy(videos.resolve("b/clip.mp4"), in.resolve("two.mp4"));
        Files.copy(videos.resolve("clip.mkv"), in.resolve("three.mkv"));
        CliTest.Run first =
                CliTest.run("batch", in.toString(), "--out", dir.resolve("g1").toString(), "--jobs", "2");
        CliTest.Run second =
                CliTest.run("batch", in.toString(), "--out", dir.resolve("g2").toString(), "--jobs", "1");
        assertThat(first.code()).isZero();
        assertThat(second.code()).isZero();
        assertThat(Files.readString(dir.resolve("g1/summary.csv")))
                .isEqualTo(Files.readString(dir.resolve("g2/summary.csv")));
        assertThat(Csv.read(dir.resolve("g1/failures.csv")).rows()).isEmpty();
    }

    @Test
    void csvInputCarriesColumnsAndFiltersOnStatus() throws Exception {
        Path runs = dir.resolve("runs");
        Files.createDirectories(runs.resolve("videos"));
        Files.copy(videos.resolve("a/clip.mp4"), runs.resolve("videos/x.mp4"));
        Files.copy(videos.resolve("b/clip.mp4"), runs.resolve("videos/y.mp4"));
        Files.writeString(runs.resolve("ledger.csv"), """
        model,method,output,status
        wan,dense,videos/x.mp4,ok
        wan,lvsa,videos/y.mp4,ok
        wan,riflex,videos/z.mp4,oom
        """);
        Path out = dir.resolve("csvout");
        CliTest.Run r =
                CliTest.run("batch", "--from-csv", runs.resolve("ledger.csv").toString(), "--out", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("skipped 1 row(s)");
        Map<String, Map<String, String>> rows = rowsById(out.resolve("summary.csv"));
        assertThat(rows).containsOnlyKeys("videos__x", "videos__y");
        assertThat(rows.get("videos__y"))
                .containsEntry("method", "lvsa")
                .containsEntry("model", "wan")
                .containsEntry("video", "videos/y.mp4");

        Path out2 = dir.resolve("csvout2");
        CliTest.Run all = CliTest.run(
                "batch",
                "--from-csv",
                runs.resolve("ledger.csv").toString(),
                "--out",
                out2.toString(),
                "--status-column",
                "model",
                "--status-value",
                "wan",
                "--path-column",
                "output");
        assertThat(all.code()).isEqualTo(3);
        assertThat(rowsById(out2.resolve("summary.csv")).get("videos__z").get("error"))
                .isEqualTo("no such file");
    }

    @Test
    void usageErrors() throws Exception {
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        assertThat(CliTest.run(
                                "batch",
                                empty.toString(),
                                "--out",
                                dir.resolve("o").toString())
                        .err())
                .contains("no videos found");
        assertThat(CliTest.run(
                                "batch",
                                empty.toString(),
                                "--out",
                                dir.resolve("o").toString())
                        .code())
                .isEqualTo(2);
        assertThat(CliTest.run("batch", "--out", dir.resolve("o").toString()).code())
                .isEqualTo(2);
        assertThat(CliTest.run("batch", videos.toString()).code()).isEqualTo(2);
        assertThat(CliTest.run("batch", dir.resolve("missing").toString(), "--out", "o")
                        .err())
                .contains("no such folder");
    }

    @Test
    void calibratedPresetChangesTheScores() throws Exception {
        Path set = dir.resolve("calib");
        Files.createDirectories(set);
        TestVideos.write(set.resolve("c1.mp4"), 96, 64, 48, 16, TestVideos.clean());
        TestVideos.write(set.resolve("c2.mp4"), 96, 64, 48, 16, TestVideos.loop(12));
        TestVideos.write(set.resolve("c3.mp4"), 96, 64, 48, 16, TestVideos.freeze(20));
        Path preset = dir.resolve("preset.json");
        CliTest.Run c = CliTest.run("calibrate", set.toString(), "--out", preset.toString());
        assertThat(c.code()).isZero();
        assertThat(c.out()).contains("wrote preset");
        var json = new ObjectMapper().readTree(preset.toFile());
        assertThat(json.path("format").asText()).isEqualTo("vqeval-preset/v1");
        assertThat(json.path("ranges").size()).isGreaterThan(5);

        var mapper = new ObjectMapper();
        var before = mapper.readTree(
                CliTest.run("evaluate", set.resolve("c1.mp4").toString()).out());
        var after =
                mapper.readTree(CliTest.run("evaluate", set.resolve("c1.mp4").toString(), "--preset", preset.toString())
                        .out());
        assertThat(after.path("analysis").path("preset").asText()).isEqualTo("calib");
        assertThat(after.path("composite_score").asDouble())
                .isNotEqualTo(before.path("composite_score").asDouble());
        assertThat(after.path("dimensions")
                        .path("spatial_quality")
                        .path("score")
                        .asDouble())
                .isNotEqualTo(before.path("dimensions")
                        .path("spatial_quality")
                        .path("score")
                        .asDouble());

        Path lonely = dir.resolve("lonely");
        Files.createDirectories(lonely);
        Files.copy(set.resolve("c1.mp4"), lonely.resolve("c1.mp4"));
        assertThat(CliTest.run(
                                "calibrate",
                                lonely.toString(),
                                "--out",
                                dir.resolve("p2.json").toString())
                        .code())
                .isEqualTo(2);
    }

    @Test
    void listOfFilesInSummaryMatchesTheFolder() throws Exception {
        Path out = dir.resolve("out-list");
        CliTest.run("batch", videos.toString(), "--out", out.toString(), "--progress", "none");
        assertThat(Csv.read(out.resolve("summary.csv")).rows().stream()
                        .map(r -> r.get(1))
                        .toList())
                .isEqualTo(List.of("a/clip.mp4", "b/clip.mp4", "broken.mp4", "clip.mkv"));
    }

    @Test
    void outputProblemsAreOneLineAndExitTwoBeforeAnyVideoIsScored(@TempDir Path tmp) throws Exception {
        Path videos = tmp.resolve("v");
        Files.createDirectories(videos);
        TestVideos.write(videos.resolve("clip.mp4"), 96, 64, 24, 16, TestVideos.clean());
        Path file = Files.writeString(tmp.resolve("exists.txt"), "x");
        CliTest.Run r = CliTest.run("batch", videos.toString(), "--out", file.toString(), "--progress", "none");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("vqeval: --out " + file + ": exists and is not a folder");
        Path csv = Files.writeString(tmp.resolve("bad.csv"), "path\n\"clip.mp4\n");
        CliTest.Run bad = CliTest.run(
                "batch", "--from-csv", csv.toString(), "--out", tmp.resolve("o").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err())
                .startsWith("vqeval: --from-csv " + csv + ": not a readable CSV")
                .doesNotContain("Exception");
        assertThat(bad.err().strip().lines()).hasSize(1);
    }
}
