package dev.lvsa.runner.worker;

import dev.lvsa.common.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Decides how many workers to start and where: one per visible accelerator, or one on CPU.
 *
 * <ul>
 *   <li>{@code cpu}: one worker, {@code --device cpu}.</li>
 *   <li>{@code cuda}: one worker per id in {@code --devices}, else in {@code CUDA_VISIBLE_DEVICES}, else per GPU
 *       that {@code nvidia-smi} lists; each worker sees only its GPU ({@code CUDA_VISIBLE_DEVICES=<id>},
 *       {@code --device cuda}). With none of these, one worker on {@code cuda}.</li>
 *   <li>{@code npu}: the same with {@code ASCEND_RT_VISIBLE_DEVICES} (no probing).</li>
 *   <li>{@code auto}: CUDA ids if any are known, else NPU ids, else one worker that picks its own device.</li>
 * </ul>
 *
 * <p>With {@code devices_per_job} N &gt; 1 the ids are cut into consecutive groups of N, one launch each
 * ({@code cuda:0,1}, {@code cuda:2,3}: {@code CUDA_VISIBLE_DEVICES=0,1}); a group runs one job at a time as N ranks
 * of one {@code torch.distributed.run} launch, so its devices are never shared with another job. On {@code cpu}
 * (or with no ids known) there is one group of N ranks ({@code cpu x2}; gloo on CPU). Fewer ids than N, or a number
 * of ids that is not a multiple of N, is refused (an idle device would go unnoticed).
 */
public final class Devices {
    public static final String CUDA_ENV = "CUDA_VISIBLE_DEVICES";
    public static final String NPU_ENV = "ASCEND_RT_VISIBLE_DEVICES";

    private Devices() {}

    /**
     * Worker placements.
     *
     * @param device     the experiment's device
     * @param devices    ids from {@code --devices}, or empty
     * @param env        the runner's environment
     * @param probeCuda  GPU ids the machine has (e.g. from nvidia-smi), used only when nothing else says
     * @param program    the worker program ({@link WorkerLaunch#program()})
     */
    public static List<WorkerLaunch> plan(
            String device,
            List<String> devices,
            Map<String, String> env,
            Supplier<List<String>> probeCuda,
            List<String> program) {
        return plan(device, devices, env, probeCuda, program, 1);
    }

    /**
     * Launches for jobs of {@code perJob} devices each (1: one {@code serve} worker per device).
     *
     * @throws BadInputException when the visible devices do not split into groups of {@code perJob}
     */
    public static List<WorkerLaunch> plan(
            String device,
            List<String> devices,
            Map<String, String> env,
            Supplier<List<String>> probeCuda,
            List<String> program,
            int perJob) {
        if (perJob < 1) {
            throw new BadInputException("devices_per_job " + perJob + ": must be at least 1");
        }
        List<WorkerLaunch> single = single(device, devices, env, probeCuda, program);
        if (perJob == 1) {
            return single;
        }
        String var = single.get(0).env().keySet().stream().findFirst().orElse(null);
        if (var == null) { // cpu, or no ids known: one group; the ranks take cuda:LOCAL_RANK (or cpu) themselves
            WorkerLaunch w = single.get(0);
            return List.of(
                    new WorkerLaunch(w.name() + " x" + perJob, program, w.device(), Map.of(), null, null, perJob));
        }
        String kind = single.get(0).device();
        List<String> ids = single.stream().map(w -> w.env().get(var)).toList();
        if (ids.size() < perJob || ids.size() % perJob != 0) {
            throw new BadInputException("devices_per_job " + perJob + ": " + ids.size() + " " + kind + " device(s) "
                    + "are visible (" + String.join(",", ids) + ")"
                    + (ids.size() < perJob
                            ? ", fewer than one job " + "needs"
                            : ", which do not split into groups of " + perJob)
                    + "; choose a multiple of "
                    + perJob + " with --devices (or " + var + ")");
        }
        List<WorkerLaunch> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += perJob) {
            String group = String.join(",", ids.subList(i, i + perJob));
            out.add(new WorkerLaunch(kind + ":" + group, program, kind, Map.of(var, group), null, null, perJob));
        }
        return out;
    }

    private static List<WorkerLaunch> single(
            String device,
            List<String> devices,
            Map<String, String> env,
            Supplier<List<String>> probeCuda,
            List<String> program) {
        List<WorkerLaunch> out = new ArrayList<>();
        if (device.equals("cpu")) {
            if (!devices.isEmpty()) {
                throw new BadInputException("--devices " + String.join(",", devices) + ": the experiment runs on "
                        + "cpu (one worker); --devices selects GPUs or NPUs");
            }
            out.add(new WorkerLaunch("cpu", program, "cpu", Map.of(), null, null));
            return out;
        }
        for (String d : devices) {
            if (!d.matches("\\d+")) {
                throw new BadInputException("--devices: '" + d + "' is not a device index (e.g. --devices 0,1)");
            }
        }
        String kind = device;
        List<String> ids = devices;
        if (ids.isEmpty()) {
            if (device.equals("cuda") || device.equals("auto")) {
                ids = visible(env.get(CUDA_ENV), CUDA_ENV);
                kind = "cuda";
            }
            if (ids.isEmpty() && (device.equals("npu") || device.equals("auto"))) {
                ids = visible(env.get(NPU_ENV), NPU_ENV);
                kind = "npu";
            }
            if (ids.isEmpty()
                    && (device.equals("cuda") || device.equals("auto"))
                    && env.get(CUDA_ENV) == null
                    && env.get(NPU_ENV) == null) {
                ids = probeCuda.get();
                kind = "cuda";
            }
        } else if (device.equals("auto")) {
            kind = env.get(NPU_ENV) != null && env.get(CUDA_ENV) == null ? "npu" : "cuda";
        }
        if (ids.isEmpty()) {
            out.add(new WorkerLaunch(device, program, device, Map.of(), null, null));
            return out;
        }
        String var = kind.equals("npu") ? NPU_ENV : CUDA_ENV;
        for (String id : ids) {
            out.add(new WorkerLaunch(kind + ":" + id, program, kind, Map.of(var, id), null, null));
        }
        return out;
    }

    private static List<String> visible(String value, String var) {
        if (value == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                ids.add(s.strip());
            }
        }
        if (ids.isEmpty()) {
            throw new BadInputException(var + " is set but empty: no accelerator is visible (unset it, or run on cpu)");
        }
        return ids;
    }

    /** GPU indices from {@code nvidia-smi}, or an empty list if it is absent or fails. */
    public static List<String> nvidiaSmi() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=index", "--format=csv,noheader")
                    .redirectErrorStream(true)
                    .start();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            if (p.exitValue() != 0) {
                return List.of();
            }
            List<String> ids = new ArrayList<>();
            for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (line.strip().matches("\\d+")) {
                    ids.add(line.strip());
                }
            }
            return ids;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
