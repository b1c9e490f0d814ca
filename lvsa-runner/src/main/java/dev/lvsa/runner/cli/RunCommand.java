package dev.lvsa.runner.cli;

import dev.lvsa.common.BadInputException;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import dev.lvsa.runner.experiment.Experiment;
import dev.lvsa.runner.experiment.ExperimentLoader;
import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.JobStatus;
import dev.lvsa.runner.ledger.Ledger;
import dev.lvsa.runner.ledger.RunEnvironment;
import dev.lvsa.runner.ledger.RunLock;
import dev.lvsa.runner.progress.ProgressBar;
import dev.lvsa.runner.progress.RunListener;
import dev.lvsa.runner.schedule.ExecSettings;
import dev.lvsa.runner.schedule.RunPreparer;
import dev.lvsa.runner.schedule.RunSummary;
import dev.lvsa.runner.schedule.Scheduler;
import dev.lvsa.runner.scoring.BacklogScorer;
import dev.lvsa.runner.scoring.Scorer;
import dev.lvsa.runner.slurm.ArrayExecutor;
import dev.lvsa.runner.slurm.ResultCollector;
import dev.lvsa.runner.slurm.SlurmExecutor;
import dev.lvsa.runner.worker.Devices;
import dev.lvsa.runner.worker.Reaper;
import dev.lvsa.runner.worker.WorkerLaunch;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lvsa-runner run}: an experiment's grid into a run folder, resuming whatever an earlier run left. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Run an experiment's grid (model x method x horizon x prompt x seed) into a run folder: plans, "
                    + "videos, timings and VQeval scores in a crash-proof ledger.",
            "Running it again on the same folder resumes: finished jobs are skipped, interrupted ones retried.",
            "Exit codes: 0 every job ok, 1 failure (or no job ok), 2 bad experiment or usage, 3 some jobs failed."
        })
public final class RunCommand implements Callable<Integer> {
    /** Where to run. */
    enum Executor {
        local,
        slurm,
        array
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "the experiment file (YAML; see docs/runner.md)")
    Path experiment;

    @Option(
            names = {"-o", "--out"},
            required = true,
            paramLabel = "RUN_DIR",
            description = "the run folder")
    Path out;

    @Option(
            names = "--executor",
            defaultValue = "local",
            paramLabel = "local|slurm",
            description = "local: workers on this machine (default); slurm: submit a job array with sbatch; array: "
                    + "write the jobs as tasks any host with the worker's .venv runs by index (RUN_DIR/slurm/"
                    + "run-task.sh INDEX), collected later with 'collect'")
    Executor executor;

    @Option(
            names = "--devices",
            split = ",",
            paramLabel = "IDS",
            description = "accelerator indices to run workers on, one worker each (default: CUDA_VISIBLE_DEVICES / "
                    + "ASCEND_RT_VISIBLE_DEVICES, else every GPU nvidia-smi lists)")
    List<String> devices = new ArrayList<>();

    @Option(
            names = "--retry-failed",
            description = "run failed jobs (oom, error, timeout) again; their old results "
                    + "are dropped, their attempts kept")
    boolean retryFailed;

    @Option(
            names = "--resubmit",
            description = "jobs submitted to Slurm earlier whose results are not in: give up on "
                    + "them and run (or submit) them again")
    boolean resubmit;

    @Option(
            names = "--progress",
            defaultValue = "auto",
            paramLabel = "auto|bar|plain|none",
            description = "progress on stderr: a bar on a terminal, plain lines otherwise (default auto)")
    String progress;

    @Mixin
    WorkerOptions worker;

    @ArgGroup(exclusive = false, heading = "Slurm (with --executor slurm):%n")
    SlurmOptions slurm;

    @Option(
            names = {"-v", "--verbose"},
            description = "show stack traces")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintStream err = System.err;
        Experiment exp = ExperimentLoader.load(experiment);
        if (!exp.warnings().isEmpty()) {
            PrintWriter w = spec.commandLine().getErr();
            exp.warnings().forEach(line -> w.println("lvsa-runner run: warning: " + line));
            w.flush();
        }
        if (slurm != null && executor != Executor.slurm) {
            throw new BadInputException("Slurm options need --executor slurm");
        }
        // where the workers go (and whether the devices split into groups of devices_per_job): before any file is made
        List<WorkerLaunch> launches = executor == Executor.local
                ? Devices.plan(
                        exp.device(),
                        devices,
                        System.getenv(),
                        Devices::nvidiaSmi,
                        worker.program(),
                        exp.devicesPerJob())
                : List.of();
        Path runDir = out.toAbsolutePath().normalize();
        GridChecks.beforeFirstJob(exp, runDir, worker.python(), executor == Executor.local);
        ProgressBar bar = new ProgressBar(err, progressMode());
        RunListener listener = bar;
        try (RunLock lock = RunLock.acquire(runDir);
                Ledger ledger = Ledger.open(runDir)) {
            List<JobRow> grid = ledgerReady(exp, runDir, ledger, listener);
            List<JobRow> toRun =
                    grid.stream().filter(j -> j.status() == JobStatus.PENDING).toList();
            Scorer scorer = exp.scoring().enabled() ? new Scorer(exp.scoring()) : null;
            ExecSettings exec = ExecSettings.of(exp);
            if (executor == Executor.slurm) {
                return submit(exp, runDir, ledger, toRun, scorer, listener, stdout);
            }
            if (executor == Executor.array) {
                return writeTasks(exp, runDir, ledger, toRun, scorer, listener, stdout);
            }
            var summary = new Scheduler(ledger, runDir, launches, exec, scorer, listener).run(grid, toRun);
            return finish(runDir, refresh(ledger, grid), summary, stdout);
        }
    }

    /**
     * The ledger made ready for this run, and its jobs: workers a killed runner left are ended, the grid registered,
     * failed jobs reset (--retry-failed), Slurm results collected, jobs still with Slurm resubmitted or named.
     */
    private List<JobRow> ledgerReady(Experiment exp, Path runDir, Ledger ledger, RunListener listener) {
        List<long[]> stale = ledger.recoverInterrupted();
        int killed = Reaper.endStale(stale);
        if (killed > 0) {
            listener.note("ended " + killed + " worker(s) a killed runner left behind");
        }
        List<JobRow> grid = RunPreparer.prepare(exp, runDir, ledger);
        String home = System.getenv("LVSA_TOOLKIT_HOME");
        if (home != null) {
            RunEnvironment.recordCommit(ledger, Path.of(home));
        }
        if (retryFailed) {
            int n = ledger.recorder().resetFailed(grid);
            listener.note(n + " failed job(s) will run again");
        }
        List<JobRow> collected = ResultCollector.collect(ledger, runDir, listener::note);
        if (!collected.isEmpty()) {
            listener.note("collected " + collected.size() + " Slurm result(s)");
        }
        grid = refresh(ledger, grid);
        List<JobRow> submitted =
                grid.stream().filter(j -> j.status() == JobStatus.SUBMITTED).toList();
        if (!submitted.isEmpty()) {
            if (resubmit) {
                ledger.recorder().abandonSubmitted(submitted, "resubmitted");
                grid = refresh(ledger, grid);
            } else {
                listener.note(submitted.size() + " job(s) are with Slurm and have no result yet: run "
                        + ShellWords.runner("collect", runDir) + " later, or --resubmit to run them again");
            }
        }
        return grid;
    }

    /** Prints the counts and next commands of a local run and returns its exit code. */
    private int finish(Path runDir, List<JobRow> grid, RunSummary summary, PrintWriter stdout) {
        Map<String, Long> counts = count(grid);
        stdout.printf("%s: %d jobs: %s%n", runDir, grid.size(), counts);
        stdout.println("next: " + ShellWords.runner("status", runDir));
        stdout.println("next: " + ShellWords.runner("export", runDir, "--csv", runDir.resolve("results.csv")));
        stdout.flush();
        if (summary.unfinished() > 0) {
            PrintWriter e = spec.commandLine().getErr();
            e.println("lvsa-runner run: " + summary.unfinished() + " job(s) not run: " + summary.problem());
            e.flush();
            return ExitCodes.FAILURE;
        }
        long ok = counts.getOrDefault("ok", 0L);
        long failed = grid.size() - ok - counts.getOrDefault("submitted", 0L);
        if (failed == 0) {
            return ExitCodes.OK;
        }
        return ok > 0 ? ExitCodes.PARTIAL : ExitCodes.FAILURE;
    }

    /**
     * Before a batch executor takes the pending jobs: scores what earlier runs left unscored, and says {@code why}
     * when no job is pending (returns true then).
     */
    private static boolean nothingToHandOver(
            Path runDir,
            Ledger ledger,
            List<JobRow> toRun,
            Scorer scorer,
            RunListener listener,
            PrintWriter stdout,
            String why) {
        if (scorer != null) {
            BacklogScorer.scoreAll(ledger, runDir, scorer, listener);
        }
        if (!toRun.isEmpty()) {
            return false;
        }
        stdout.println(runDir + ": " + why);
        stdout.flush();
        return true;
    }

    private int writeTasks(
            Experiment exp,
            Path runDir,
            Ledger ledger,
            List<JobRow> toRun,
            Scorer scorer,
            RunListener listener,
            PrintWriter stdout) {
        if (nothingToHandOver(
                runDir,
                ledger,
                toRun,
                scorer,
                listener,
                stdout,
                "no task to write (every job has a result or is waiting to be collected)")) {
            return ExitCodes.OK;
        }
        String device = exp.device().equals("auto") ? null : exp.device();
        ArrayExecutor.Written w =
                ArrayExecutor.write(ledger, runDir, toRun, device, exp.timeoutS(), exp.devicesPerJob());
        stdout.printf(
                "wrote %d task(s); on a host with the worker's .venv (this folder there, or a copy of it), run "
                        + "each index of %s:%n",
                w.indices().size(), w.indexFile());
        stdout.println("  " + ShellWords.quote(w.script().toString()) + " INDEX /path/to/.venv/bin/python");
        stdout.println("then, with this folder (and the results) here: " + ShellWords.runner("collect", runDir));
        stdout.flush();
        return ExitCodes.OK;
    }

    private int submit(
            Experiment exp,
            Path runDir,
            Ledger ledger,
            List<JobRow> toRun,
            Scorer scorer,
            RunListener listener,
            PrintWriter stdout) {
        if (nothingToHandOver(
                runDir,
                ledger,
                toRun,
                scorer,
                listener,
                stdout,
                "nothing to submit (every job has a result or is with Slurm)")) {
            return ExitCodes.OK;
        }
        SlurmOptions opts = slurm != null ? slurm : new SlurmOptions();
        String device = exp.device().equals("auto") ? null : exp.device();
        SlurmExecutor.Submission s = new SlurmExecutor(
                        runDir, opts.settings(worker.python(), exp.device(), exp.devicesPerJob()), System.getenv())
                .submit(ledger, toRun, exp.name(), device, exp.timeoutS());
        stdout.printf(
                "submitted %d job(s) as Slurm job %s (array %s); when they are done: %s%n",
                s.jobs(), s.slurmJobId(), s.arraySpec(), ShellWords.runner("collect", runDir));
        stdout.flush();
        return ExitCodes.OK;
    }

    private ProgressBar.Mode progressMode() {
        return switch (progress) {
            case "auto" -> ProgressBar.autoMode();
            case "bar" -> ProgressBar.Mode.BAR;
            case "plain" -> ProgressBar.Mode.PLAIN;
            case "none" -> ProgressBar.Mode.NONE;
            default -> throw new BadInputException("--progress '" + progress + "': use auto, bar, plain or none");
        };
    }

    static List<JobRow> refresh(Ledger ledger, List<JobRow> grid) {
        List<JobRow> out = new ArrayList<>();
        for (JobRow j : grid) {
            out.add(ledger.job(j.jobId()));
        }
        return out;
    }

    static Map<String, Long> count(List<JobRow> jobs) {
        Map<String, Long> m = new java.util.TreeMap<>();
        for (JobRow j : jobs) {
            m.merge(j.status().id(), 1L, Long::sum);
        }
        return m;
    }
}
