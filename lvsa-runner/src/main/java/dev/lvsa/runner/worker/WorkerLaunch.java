package dev.lvsa.runner.worker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start one worker.
 *
 * @param name    a short name for logs and the ledger, e.g. {@code cpu}, {@code cuda:1}
 * @param program the command before {@code serve}: {@code [PYTHON, -m, lvsa_worker]} or {@code [PYTHON, SCRIPT]}
 * @param device  the worker's {@code --device}
 * @param env     environment variables to set (e.g. {@code CUDA_VISIBLE_DEVICES=1})
 * @param preload a model to load before the ready line (so no job pays the first load), or null
 * @param dtype   the worker's default {@code --dtype}, or null
 */
public record WorkerLaunch(String name, List<String> program, String device, Map<String, String> env,
                           String preload, String dtype) {
    public WorkerLaunch {
        program = List.copyOf(program);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    /** The full argument list. */
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

    public WorkerLaunch withPreload(String model, String dtype) {
        return new WorkerLaunch(name, program, device, env, model, dtype);
    }
}
