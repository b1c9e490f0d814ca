package dev.lvsa.runner.cli;

import dev.lvsa.common.BadInputException;
import dev.lvsa.runner.slurm.SlurmSettings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** sbatch options for {@code run --executor slurm}. */
public final class SlurmOptions {
    @Option(names = "--partition", paramLabel = "NAME", description = "Slurm partition")
    String partition;

    @Option(
            names = "--gpus-per-task",
            paramLabel = "N",
            description = "GPUs per array task (default: the experiment's devices_per_job, 1 unless set; 0 for a cpu "
                    + "experiment)")
    Integer gpusPerTask;

    @Option(names = "--time", paramLabel = "LIMIT", description = "Slurm time limit per task, e.g. 04:00:00")
    String time;

    @Option(names = "--account", paramLabel = "NAME", description = "Slurm account")
    String account;

    @Option(names = "--max-parallel", paramLabel = "N", description = "at most N array tasks at once (--array=...%%N)")
    Integer maxParallel;

    @Option(
            names = "--sbatch-arg",
            paramLabel = "ARG",
            description = "one more sbatch argument, passed as is (repeatable), e.g. --sbatch-arg=--qos=long")
    List<String> sbatchArgs = new ArrayList<>();

    SlurmSettings settings(String python, String device, int devicesPerJob) {
        int gpus = gpusPerTask != null ? gpusPerTask : device.equals("cpu") ? 0 : devicesPerJob;
        if (gpus > 0 && gpus < devicesPerJob) {
            throw new BadInputException("--gpus-per-task " + gpus + ": the experiment's devices_per_job is "
                    + devicesPerJob + ", so each task needs " + devicesPerJob + " GPUs (or 0 with --sbatch-arg="
                    + "--gres=gpu:" + devicesPerJob + ")");
        }
        return new SlurmSettings(partition, gpus, time, account, maxParallel, sbatchArgs, python, devicesPerJob);
    }
}
