package dev.lvsa.runner.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lvsa.runner.worker.WorkerProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/** Where the repository, its worker venv and the test fixtures are. */
public final class Repo {
    private static Boolean workerUsable;

    private Repo() {}

    /** The repository root (tests run in {@code lvsa-runner/}). */
    public static Path root() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("contracts")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found above " + here);
    }

    /** The worker venv's Python. */
    public static Path venvPython() {
        return root().resolve(".venv/bin/python");
    }

    /**
     * Skips the calling test unless {@code .venv/bin/python -m lvsa_worker} works (scripts/setup.sh makes it; CI runs
     * scripts/test.sh, which does).
     */
    public static synchronized void assumeRealWorker() {
        if (workerUsable == null) {
            workerUsable = false;
            if (Files.isExecutable(venvPython())) {
                try {
                    Process p = new ProcessBuilder(venvPython().toString(), "-c", "import lvsa_worker, torch")
                            .redirectErrorStream(true)
                            .start();
                    p.getInputStream().readAllBytes();
                    workerUsable = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
                } catch (IOException e) {
                    workerUsable = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        assumeTrue(
                workerUsable,
                "the Python worker is not installed at " + venvPython()
                        + " (run scripts/setup.sh): skipping tests that need the real worker");
    }

    /**
     * Copies the fake worker, its video and the protocol's {@code version.json} (the version it speaks) into
     * {@code dir}; returns the script.
     */
    public static Path fakeWorker(Path dir) throws IOException {
        Files.createDirectories(dir);
        copy("/fake/tiny-33f.mp4", dir.resolve("tiny-33f.mp4"));
        copy(WorkerProtocol.FOLDER + "version.json", dir.resolve("version.json"));
        Path script = dir.resolve("fake_worker.py");
        copy("/fake/fake_worker.py", script);
        return script;
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = Repo.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The Python for fake workers: python3 on PATH (any Python 3 will do). */
    public static String systemPython() {
        return "python3";
    }
}
