package dev.lvsa.runner.slurm;

import java.util.List;

/**
 * How to submit.
 *
 * @param partition   {@code --partition}, or null
 * @param gpusPerTask {@code --gpus-per-task} (0: none requested)
 * @param time        {@code --time} (e.g. {@code 04:00:00}), or null
 * @param account     {@code --account}, or null
 * @param maxParallel array throttle ({@code --array=...%N}), or null
 * @param extraArgs   more sbatch arguments, passed as given (each one argument, no shell)
 * @param python      the worker's Python on the cluster nodes
 */
public record SlurmSettings(String partition, int gpusPerTask, String time, String account, Integer maxParallel,
                            List<String> extraArgs, String python) {
    public SlurmSettings {
        extraArgs = List.copyOf(extraArgs);
    }
}
