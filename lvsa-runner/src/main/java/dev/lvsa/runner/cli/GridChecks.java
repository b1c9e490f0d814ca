package dev.lvsa.runner.cli;

import dev.lvsa.common.BadInputException;
import dev.lvsa.runner.experiment.Experiment;
import dev.lvsa.runner.experiment.ModelEntry;
import dev.lvsa.runner.slurm.SlurmExecutor;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What can be known wrong about a whole grid before its first job runs, refused in one line each instead of
 * failing job by job: every real model's local folder, the run folder's writability and the worker's Python.
 * Nothing is written before these pass.
 */
final class GridChecks {

    private GridChecks() {}

    /**
     * @param onThisMachine the jobs run here (local executor): a model folder or Python that is missing here is an
     *     error; for a cluster (Slurm) the paths are the nodes', so only the run folder is checked
     */
    static void beforeFirstJob(Experiment exp, Path runDir, String python, boolean onThisMachine) {
        if (onThisMachine) {
            for (ModelEntry m : exp.models()) {
                checkModelFolder(exp, m);
            }
            checkPython(python);
        }
        checkWritable(runDir);
    }

    private static void checkModelFolder(Experiment exp, ModelEntry m) {
        if (m.spec().architecture().nominal()
                || m.workerModel().equals(m.name())
                || m.workerModel().equals("dummy")) {
            return; // a tiny preset, or weights the worker makes itself
        }
        Path dir = Path.of(m.workerModel());
        String where = exp.source() + ": model " + m.name() + ": path " + m.workerModel() + ": ";
        if (!Files.exists(dir)) {
            throw new BadInputException(where + "no such folder (the worker reads the weights from this local "
                    + "diffusers folder; nothing is downloaded)");
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(
                    where + "not a folder (give the diffusers pipeline folder, the one with " + "model_index.json)");
        }
        if (!Files.isRegularFile(dir.resolve("model_index.json"))) {
            throw new BadInputException(where + "not a diffusers pipeline folder (no model_index.json in it)");
        }
        if (!Files.isReadable(dir.resolve("model_index.json"))) {
            throw new BadInputException(where + "cannot be read (permission denied)");
        }
    }

    private static void checkPython(String python) {
        if (python.contains(File.separator)) {
            Path p = Path.of(python);
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new BadInputException(
                        "--python " + python + ": " + (Files.exists(p) ? "not an executable file" : "no such file")
                                + " (the worker's Python; scripts/setup.sh makes .venv/bin/python)");
            }
            return;
        }
        if (SlurmExecutor.onPath(python, System.getenv()).isEmpty()) {
            throw new BadInputException("--python " + python + ": not found on PATH (the worker's Python; run "
                    + "scripts/setup.sh, or give --python /path/to/python)");
        }
    }

    private static void checkWritable(Path runDir) {
        Path p = runDir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        if (!Files.isDirectory(p)) {
            throw new BadInputException("--out " + runDir + ": "
                    + (p.equals(runDir) ? "is a file, not a folder" : p + " is a file, not a folder"));
        }
        if (!Files.isWritable(p)) {
            throw new BadInputException("--out " + runDir + ": " + (p.equals(runDir) ? "" : p + " ")
                    + "is not writable (permission denied)");
        }
    }
}
