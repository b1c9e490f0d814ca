package dev.lvsa.runner.worker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start one worker, or (with {@code ranks > 1}) how to launch each job over a group of devices.
 *
 * @param name    a short name for logs and the ledger, e.g. {@code cpu}, {@code cuda:1}, {@code cuda:0,1}
 * @param program the command before {@code serve}: {@code [PYTHON, -m, lvsa_worker]} or {@code [PYTHON, SCRIPT]}
 * @param device  the worker's {@code --device}
 * @param env     environment variables to set (e.g. {@code CUDA_VISIBLE_DEVICES=1}, or {@code 0,1} for a group)
 * @param preload a model to load before the ready line (so no job pays the first load), or null
 * @param dtype   the worker's default {@code --dtype}, or null
 * @param ranks   1: a long-lived {@code serve} worker on one device; N &gt; 1: every job is one
 *                {@code torch.distributed.run} launch of N ranks over this launch's devices
 *                ({@link #rankedCommand})
 */
public record WorkerLaunch(
        String name,
        List<String> program,
        String device,
        Map<String, String> env,
        String preload,
        String dtype,
        int ranks) {
    public WorkerLaunch {
        program = List.copyOf(program);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        if (ranks < 1) {
            throw new IllegalArgumentException("ranks must be at least 1, got " + ranks);
        }
    }

    /** A one-device worker. */
    public WorkerLaunch(
            String name, List<String> program, String device, Map<String, String> env, String preload, String dtype) {
        this(name, program, device, env, preload, dtype, 1);
    }

    /** The full argument list of a {@code serve} worker. */
    public List<String> command() {
        List<String> c = new ArrayList<>(program);
        c.add("serve");
        c.add("--device");
        c.add(device);
        if (preload != null) {
            c.add("--model");
            c.add(preload);
        }
        if (dtype != null) {
            c.add("--dtype");
            c.add(dtype);
        }
        return c;
    }

    /**
     * The argument list of one job over {@link #ranks()} ranks: {@code PYTHON -m torch.distributed.run --standalone
     * --nproc-per-node N -m lvsa_worker generate --sequence-parallel --progress-lines --device D JOB_ARGS...}
     * ({@code SCRIPT} instead of {@code -m lvsa_worker} for a worker script). {@code --standalone} gives every
     * launch its own rendezvous on a free local port, so concurrent jobs never meet.
     */
    public List<String> rankedCommand(List<String> jobArgs) {
        List<String> c = new ArrayList<>();
        c.add(program.get(0));
        c.addAll(List.of("-m", "torch.distributed.run", "--standalone", "--nproc-per-node", String.valueOf(ranks)));
        c.addAll(program.subList(1, program.size()));
        c.addAll(List.of("generate", "--sequence-parallel", "--progress-lines", "--device", device));
        c.addAll(jobArgs);
        return c;
    }

    /** A process builder for {@code command} with this launch's environment and unbuffered UTF-8 Python output. */
    ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.environment().put("PYTHONUNBUFFERED", "1");
        pb.environment().putIfAbsent("PYTHONIOENCODING", "utf-8");
        return pb;
    }

    public WorkerLaunch withPreload(String model, String dtype) {
        return new WorkerLaunch(name, program, device, env, model, dtype, ranks);
    }

    /** The same launch with more environment variables (e.g. a test hook). */
    public WorkerLaunch withEnv(Map<String, String> more) {
        Map<String, String> e = new LinkedHashMap<>(env);
        e.putAll(more);
        return new WorkerLaunch(name, program, device, e, preload, dtype, ranks);
    }
}
