package dev.lvsa.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.runner.support.Cli;
import dev.lvsa.runner.support.Experiments;
import dev.lvsa.runner.support.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code run} tells the user besides results: pasteable {@code next:} commands and deprecation warnings. */
class RunHintsTest {
    /** The words a POSIX shell reads from {@code line}, via {@code sh -c 'set -- LINE; printf ...'}. */
    static List<String> shellWords(String line) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "set -- " + line + "\nprintf '%s\\0' \"$@\"")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        List<String> words = List.of(out.split("\0", -1));
        return words.subList(0, words.size() - 1); // the text after the last NUL is empty
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"plain/path-1.0", "a b", "it's", "'", "", "$HOME `x` \"q\" \\ ; | & * ? ~ #", "new\nline", "ünï"
            })
    void a_quoted_word_reads_back_as_itself(String word) throws Exception {
        assertThat(shellWords("x " + ShellWords.quote(word))).containsExactly("x", word);
    }

    @Test
    void plain_words_stay_unquoted() {
        assertThat(ShellWords.command("lvsa-runner", "status", "/runs/demo-1", "--csv", "a=b,c:d@e%f+g"))
                .isEqualTo("lvsa-runner status /runs/demo-1 --csv a=b,c:d@e%f+g");
        assertThat(ShellWords.quote("it's a run")).isEqualTo("'it'\\''s a run'");
    }

    @Test
    void the_next_hint_is_a_command_to_paste_even_for_a_path_with_a_space_and_a_quote(@TempDir Path dir)
            throws Exception {
        Path exp = Experiments.write(
                dir,
                "exp.yaml",
                "models: [tiny-wan]\nmethods: [dense]\nhorizons: [1]\n"
                        + "steps: 2\ndevice: cpu\nprompts: [{id: p, text: a calm lake}]\nscoring: {enabled: false}\n");
        Path runDir = dir.resolve("it's a run").toAbsolutePath();
        Cli.Result r = Cli.run(
                "run",
                exp.toString(),
                "--out",
                runDir.toString(),
                "--python",
                Repo.systemPython(),
                "--worker-script",
                Repo.fakeWorker(dir.resolve("fake")).toString(),
                "--progress",
                "none");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> hints = r.out()
                .lines()
                .filter(l -> l.startsWith("next: "))
                .map(l -> l.substring(6))
                .toList();
        assertThat(hints).hasSize(2);
        assertThat(shellWords(hints.get(0))).containsExactly("lvsa-runner", "status", runDir.toString());
        assertThat(shellWords(hints.get(1)))
                .containsExactly(
                        "lvsa-runner",
                        "export",
                        runDir.toString(),
                        "--csv",
                        runDir.resolve("results.csv").toString());

        // pasted (with this JVM's runner in place of the launcher), the hints work
        Cli.Result status = Cli.run(shellWords(hints.get(0)).subList(1, 3).toArray(String[]::new));
        assertThat(status.code()).as(status.err()).isZero();
        Cli.Result export = Cli.run(shellWords(hints.get(1)).subList(1, 5).toArray(String[]::new));
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(Files.isRegularFile(runDir.resolve("results.csv"))).isTrue();
    }

    @Test
    void the_deprecated_rotation_spelling_runs_with_a_warning_on_stderr(@TempDir Path dir) throws Exception {
        Path exp = Experiments.write(
                dir,
                "exp.yaml",
                "models: [tiny-wan]\nmethods: [{method: lvsa, rotation: false}]\n"
                        + "horizons: [2]\nsteps: 2\ndevice: cpu\nprompts: [{id: p, text: a calm lake}]\n"
                        + "scoring: {enabled: false}\n");
        Path runDir = dir.resolve("run");
        Cli.Result r = Cli.run(
                "run",
                exp.toString(),
                "--out",
                runDir.toString(),
                "--python",
                Repo.systemPython(),
                "--worker-script",
                Repo.fakeWorker(dir.resolve("fake")).toString(),
                "--progress",
                "none");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err().lines().filter(l -> l.contains("warning")).toList())
                .singleElement()
                .asString()
                .contains("exp.yaml: methods[0].rotation: deprecated spelling of 'rotate'");
        assertThat(r.out()).doesNotContain("warning");
    }
}
