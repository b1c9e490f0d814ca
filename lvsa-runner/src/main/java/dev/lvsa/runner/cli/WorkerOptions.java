package dev.lvsa.runner.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Which Python runs the worker. */
public final class WorkerOptions {
    @Option(
            names = "--python",
            paramLabel = "PATH",
            description = "the worker's Python (default: $LVSA_PYTHON, else the toolkit's .venv/bin/python, else "
                    + "python3 on PATH); with --executor slurm, its path on the cluster nodes")
    String python;

    @Option(
            names = "--worker-script",
            paramLabel = "FILE",
            description = "run this Python file as the worker instead of '-m lvsa_worker' (a custom or stand-in "
                    + "worker speaking contracts/worker-protocol.md)")
    Path workerScript;

    /** The Python to use. */
    String python() {
        if (python != null) {
            return python;
        }
        String env = System.getenv("LVSA_PYTHON");
        if (env != null && !env.isBlank()) {
            return env;
        }
        String home = System.getenv("LVSA_TOOLKIT_HOME");
        if (home != null) {
            Path venv = Path.of(home, ".venv", "bin", "python");
            if (Files.isExecutable(venv)) {
                return venv.toString();
            }
        }
        return "python3";
    }

    /** The worker program (the arguments before {@code serve}). */
    List<String> program() {
        return workerScript == null
                ? List.of(python(), "-m", "lvsa_worker")
                : List.of(python(), workerScript.toAbsolutePath().toString());
    }
}
