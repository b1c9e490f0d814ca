package dev.lvsa.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lvsa.common.BadInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One worker per visible accelerator, or one on CPU. */
class DevicesTest {
    static final List<String> PROGRAM = List.of("python", "-m", "lvsa_worker");

    static List<String> names(String device, List<String> ids, Map<String, String> env, List<String> probe) {
        return Devices.plan(device, ids, env, () -> probe, PROGRAM).stream()
                .map(WorkerLaunch::name)
                .toList();
    }

    @Test
    void placements() {
        assertThat(names("cpu", List.of(), Map.of("CUDA_VISIBLE_DEVICES", "0,1"), List.of("0")))
                .containsExactly("cpu");
        assertThat(names("cuda", List.of(), Map.of("CUDA_VISIBLE_DEVICES", "2,3"), List.of("0")))
                .containsExactly("cuda:2", "cuda:3");
        assertThat(names("cuda", List.of("1"), Map.of("CUDA_VISIBLE_DEVICES", "2,3"), List.of()))
                .containsExactly("cuda:1");
        assertThat(names("cuda", List.of(), Map.of(), List.of("0", "1", "2")))
                .containsExactly("cuda:0", "cuda:1", "cuda:2");
        assertThat(names("cuda", List.of(), Map.of(), List.of())).containsExactly("cuda");
        assertThat(names("npu", List.of(), Map.of("ASCEND_RT_VISIBLE_DEVICES", "4,5"), List.of("0")))
                .containsExactly("npu:4", "npu:5");
        assertThat(names("auto", List.of(), Map.of("ASCEND_RT_VISIBLE_DEVICES", "0"), List.of()))
                .containsExactly("npu:0");
        assertThat(names("auto", List.of(), Map.of(), List.of())).containsExactly("auto");
    }

    @Test
    void each_worker_sees_only_its_accelerator() {
        List<WorkerLaunch> l =
                Devices.plan("cuda", List.of(), Map.of("CUDA_VISIBLE_DEVICES", "2,3"), List::of, PROGRAM);
        assertThat(l.get(1).env()).containsExactly(Map.entry("CUDA_VISIBLE_DEVICES", "3"));
        assertThat(l.get(1).command()).containsExactly("python", "-m", "lvsa_worker", "serve", "--device", "cuda");
        assertThat(l.get(1).withPreload("tiny-wan", "bf16").command())
                .containsExactly(
                        "python",
                        "-m",
                        "lvsa_worker",
                        "serve",
                        "--device",
                        "cuda",
                        "--model",
                        "tiny-wan",
                        "--dtype",
                        "bf16");
    }

    @Test
    void mistakes() {
        assertThatThrownBy(() -> Devices.plan("cpu", List.of("0"), Map.of(), List::of, PROGRAM))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("--devices");
        assertThatThrownBy(() -> Devices.plan("cuda", List.of(), Map.of("CUDA_VISIBLE_DEVICES", ""), List::of, PROGRAM))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Devices.plan("cuda", List.of("gpu0"), Map.of(), List::of, PROGRAM))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("gpu0");
    }

    @Test
    void devices_per_job_groups_devices_and_each_job_is_one_torchrun_launch() {
        List<WorkerLaunch> l =
                Devices.plan("cuda", List.of(), Map.of("CUDA_VISIBLE_DEVICES", "4,5,6,7"), List::of, PROGRAM, 2);
        assertThat(l).extracting(WorkerLaunch::name).containsExactly("cuda:4,5", "cuda:6,7");
        assertThat(l).extracting(WorkerLaunch::ranks).containsExactly(2, 2);
        assertThat(l.get(1).env()).containsExactly(Map.entry("CUDA_VISIBLE_DEVICES", "6,7"));
        assertThat(l.get(1).rankedCommand(List.of("--model=tiny-wan", "--prompt=-a kite; $(id)")))
                .containsExactly(
                        "python",
                        "-m",
                        "torch.distributed.run",
                        "--standalone",
                        "--nproc-per-node",
                        "2",
                        "-m",
                        "lvsa_worker",
                        "generate",
                        "--sequence-parallel",
                        "--progress-lines",
                        "--device",
                        "cuda",
                        "--model=tiny-wan",
                        "--prompt=-a kite; $(id)");
        assertThat(Devices.plan("npu", List.of("0", "1", "2"), Map.of(), List::of, PROGRAM, 3))
                .singleElement()
                .satisfies(w -> {
                    assertThat(w.name()).isEqualTo("npu:0,1,2");
                    assertThat(w.env()).containsExactly(Map.entry("ASCEND_RT_VISIBLE_DEVICES", "0,1,2"));
                });
        WorkerLaunch cpu =
                Devices.plan("cpu", List.of(), Map.of(), List::of, PROGRAM, 2).get(0);
        assertThat(cpu.name()).isEqualTo("cpu x2");
        assertThat(cpu.env()).isEmpty();
        assertThat(cpu.rankedCommand(List.of()))
                .containsSequence("--nproc-per-node", "2")
                .endsWith("--device", "cpu");
        WorkerLaunch script = Devices.plan("cpu", List.of(), Map.of(), List::of, List.of("py", "/w/fake.py"), 2)
                .get(0);
        assertThat(script.rankedCommand(List.of()))
                .containsExactly(
                        "py",
                        "-m",
                        "torch.distributed.run",
                        "--standalone",
                        "--nproc-per-node",
                        "2",
                        "/w/fake.py",
                        "generate",
                        "--sequence-parallel",
                        "--progress-lines",
                        "--device",
                        "cpu");
        assertThat(Devices.plan("cuda", List.of("0", "1"), Map.of(), List::of, PROGRAM, 1))
                .extracting(WorkerLaunch::ranks)
                .containsExactly(1, 1);
    }

    @Test
    void devices_that_do_not_split_into_groups_are_refused() {
        assertThatThrownBy(() ->
                        Devices.plan("cuda", List.of(), Map.of("CUDA_VISIBLE_DEVICES", "0"), List::of, PROGRAM, 2))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("devices_per_job 2")
                .hasMessageContaining("fewer than one job needs");
        assertThatThrownBy(() -> Devices.plan("cuda", List.of("0", "1", "2"), Map.of(), List::of, PROGRAM, 2))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("do not split into groups of 2")
                .hasMessageContaining("--devices");
    }
}
