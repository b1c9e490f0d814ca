package dev.lvsa.datasets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lvsa-datasets synth}: writes the clips and labels; mistakes are usage errors. */
class SynthCommandTest {

    @Test
    void writesClipsAndLabels(@TempDir Path dir) throws Exception {
        int code = DatasetsCli.run(
                "synth",
                "--out",
                dir.toString(),
                "--count",
                "3",
                "--size",
                "96x64",
                "--kinds",
                "objects,loop_exact,freeze",
                "-q");
        assertThat(code).isZero();
        assertThat(dir.resolve("000_objects.mp4")).exists();
        assertThat(dir.resolve("001_loop_exact.mp4")).exists();
        assertThat(dir.resolve("002_freeze.mp4")).exists();
        assertThat(Files.readAllLines(dir.resolve("labels.csv"))).hasSize(4);
    }

    @Test
    void mistakesExitTwo(@TempDir Path dir) {
        assertThat(DatasetsCli.run("synth", "--out", dir.toString(), "--size", "big"))
                .isEqualTo(2);
        assertThat(DatasetsCli.run("synth", "--out", dir.toString(), "--size", "10x10"))
                .as("out of range")
                .isEqualTo(2);
        assertThat(DatasetsCli.run("synth", "--out", dir.toString(), "--kinds", "nonsense"))
                .isEqualTo(2);
        assertThat(DatasetsCli.run("synth", "--out", dir.toString(), "--codec", "vp9"))
                .isEqualTo(2);
        assertThat(DatasetsCli.run("synth")).isEqualTo(2);
        assertThat(DatasetsCli.run("synth", "--help")).isZero();
        assertThat(DatasetsCli.run("synth", "-v", "--help"))
                .as("every subcommand takes -v")
                .isZero();
    }

    @Test
    void validateComparesASummaryWithTheLabels(@TempDir Path dir) throws Exception {
        assertThat(DatasetsCli.run(
                        "synth",
                        "--out",
                        dir.toString(),
                        "--count",
                        "2",
                        "--size",
                        "128x72",
                        "--kinds",
                        "loop_exact,objects",
                        "-q"))
                .isZero();
        Path out = dir.resolve("scored");
        assertThat(dev.lvsa.vqeval.cli.VqevalCli.run(
                        "batch", dir.toString(), "--out", out.toString(), "--progress", "none"))
                .isZero();
        assertThat(DatasetsCli.run(
                        "validate",
                        "--labels",
                        dir.resolve("labels.csv").toString(),
                        "--summary",
                        out.resolve("summary.csv").toString(),
                        "--table"))
                .isZero();
        assertThat(DatasetsCli.run(
                        "validate",
                        "--labels",
                        dir.resolve("labels.csv").toString(),
                        "--summary",
                        dir.resolve("labels.csv").toString()))
                .isEqualTo(2);
        // a summary whose numbers were edited into words: the user's file, exit 2 like any other bad input
        java.util.List<String> lines = Files.readAllLines(out.resolve("summary.csv"));
        int score = java.util.Arrays.asList(lines.get(0).split(",")).indexOf("composite_score");
        assertThat(score).isPositive();
        java.util.List<String> edited = new java.util.ArrayList<>(java.util.List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            cells[score] = "many";
            edited.add(String.join(",", cells));
        }
        Path editedCsv = Files.write(dir.resolve("edited.csv"), edited);
        assertThat(DatasetsCli.run(
                        "validate",
                        "--labels",
                        dir.resolve("labels.csv").toString(),
                        "--summary",
                        editedCsv.toString()))
                .isEqualTo(2);
    }
}
