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
 * @param ranks       ranks per task ({@code devices_per_job}): 1 runs {@code lvsa_worker generate}, N &gt; 1 runs it
 *                    under {@code torch.distributed.run --standalone --nproc-per-node N} with
 *                    {@code --sequence-parallel}
 */
public record SlurmSettings(
        String partition,
        int gpusPerTask,
        String time,
        String account,
        Integer maxParallel,
        List<String> extraArgs,
        String python,
        int ranks) {
    public SlurmSettings {
        extraArgs = List.copyOf(extraArgs);
        if (ranks < 1) {
            throw new IllegalArgumentException("ranks must be at least 1, got " + ranks);
        }
    }

    /** One rank per task. */
    public SlurmSettings(
            String partition,
            int gpusPerTask,
            String time,
            String account,
            Integer maxParallel,
            List<String> extraArgs,
            String python) {
        this(partition, gpusPerTask, time, account, maxParallel, extraArgs, python, 1);
    }
}
