package dev.lvsa.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.runner.support.Cli;
import dev.lvsa.runner.support.Experiments;
import dev.lvsa.runner.support.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is wrong with a whole grid is refused before its first job, in one line, with nothing written. */
class GridChecksTest {

    static final String GRID = "models:\n  - {name: wan2.1-t2v-1.3b, path: %s}\n  - tiny-wan\nmethods: [dense]\n"
            + "horizons: [1]\ndevice: cpu\nsteps: 2\nprompts:\n  - {id: p, text: a cat}\n";

    Cli.Result run(Path dir, String modelPath, String... extra) throws Exception {
        Path exp = Experiments.write(dir, "exp.yaml", String.format(GRID, modelPath));
        String[] base = {
            "run",
            exp.toString(),
            "--out",
            dir.resolve("run").toString(),
            "--python",
            Repo.systemPython(),
            "--progress",
            "none"
        };
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.run(args);
    }

    @Test
    void a_missing_model_folder_is_refused_before_any_job(@TempDir Path dir) throws Exception {
        Cli.Result r = run(dir, dir.resolve("models/wan").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err())
                .contains("model wan2.1-t2v-1.3b: path " + dir.resolve("models/wan") + ": no such folder")
                .doesNotContain("Exception");
        assertThat(dir.resolve("run")).as("nothing written").doesNotExist();
    }

    @Test
    void a_folder_that_is_not_a_diffusers_pipeline_is_refused(@TempDir Path dir) throws Exception {
        Path models = Files.createDirectories(dir.resolve("models/wan"));
        Files.writeString(models.resolve("config.json"), "{}");
        Cli.Result r = run(dir, models.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not a diffusers pipeline folder (no model_index.json in it)");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void a_missing_python_and_an_out_that_is_a_file_are_refused(@TempDir Path dir) throws Exception {
        Path exp = Experiments.write(
                dir,
                "tiny.yaml",
                "models: [tiny-wan]\nmethods: [dense]\nhorizons: [1]\n"
                        + "device: cpu\nsteps: 2\nprompts:\n  - {id: p, text: a cat}\n");
        Cli.Result py = Cli.run(
                "run",
                exp.toString(),
                "--out",
                dir.resolve("run").toString(),
                "--python",
                dir.resolve("nope/python").toString(),
                "--progress",
                "none");
        assertThat(py.code()).isEqualTo(2);
        assertThat(py.err().strip())
                .endsWith("--python " + dir.resolve("nope/python") + ": no such file (the "
                        + "worker's Python; scripts/setup.sh makes .venv/bin/python)");
        Path file = Files.writeString(dir.resolve("taken"), "x");
        Cli.Result out = Cli.run(
                "run", exp.toString(), "--out", file.toString(), "--python", Repo.systemPython(), "--progress", "none");
        assertThat(out.code()).isEqualTo(2);
        assertThat(out.err()).contains("--out " + file + ": is a file, not a folder");
    }
}
