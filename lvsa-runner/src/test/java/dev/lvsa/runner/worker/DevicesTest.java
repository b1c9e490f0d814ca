package dev.lvsa.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lvsa.baselines.BadInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One worker per visible accelerator, or one on CPU. */
class DevicesTest {
    static final List<String> PROGRAM = List.of("python", "-m", "lvsa_worker");

    static List<String> names(String device, List<String> ids, Map<String, String> env, List<String> probe) {
        return Devices.plan(device, ids, env, () -> probe, PROGRAM).stream().map(WorkerLaunch::name).toList();
    }

    @Test
    void placements() {
        assertThat(names("cpu", List.of(), Map.of("CUDA_VISIBLE_DEVICES", "0,1"), List.of("0"))).containsExactly("cpu");
        assertThat(names("cuda", List.of(), Map.of("CUDA_VISIBLE_DEVICES", "2,3"), List.of("0")))
                .containsExactly("cuda:2", "cuda:3");
        assertThat(names("cuda", List.of("1"), Map.of("CUDA_VISIBLE_DEVICES", "2,3"), List.of())).containsExactly("cuda:1");
        assertThat(names("cuda", List.of(), Map.of(), List.of("0", "1", "2"))).containsExactly("cuda:0", "cuda:1", "cuda:2");
        assertThat(names("cuda", List.of(), Map.of(), List.of())).containsExactly("cuda");
        assertThat(names("npu", List.of(), Map.of("ASCEND_RT_VISIBLE_DEVICES", "4,5"), List.of("0")))
                .containsExactly("npu:4", "npu:5");
        assertThat(names("auto", List.of(), Map.of("ASCEND_RT_VISIBLE_DEVICES", "0"), List.of())).containsExactly("npu:0");
        assertThat(names("auto", List.of(), Map.of(), List.of())).containsExactly("auto");
    }

    @Test
    void each_worker_sees_only_its_accelerator() {
        List<WorkerLaunch> l = Devices.plan("cuda", List.of(), Map.of("CUDA_VISIBLE_DEVICES", "2,3"), List::of, PROGRAM);
        assertThat(l.get(1).env()).containsExactly(Map.entry("CUDA_VISIBLE_DEVICES", "3"));
        assertThat(l.get(1).command()).containsExactly("python", "-m", "lvsa_worker", "serve", "--device", "cuda");
        assertThat(l.get(1).withPreload("tiny-wan", "bf16").command())
                .containsExactly("python", "-m", "lvsa_worker", "serve", "--device", "cuda", "--model", "tiny-wan",
                        "--dtype", "bf16");
    }

    @Test
    void mistakes() {
        assertThatThrownBy(() -> Devices.plan("cpu", List.of("0"), Map.of(), List::of, PROGRAM))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--devices");
        assertThatThrownBy(() -> Devices.plan("cuda", List.of(), Map.of("CUDA_VISIBLE_DEVICES", ""), List::of, PROGRAM))
                .isInstanceOf(BadInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Devices.plan("cuda", List.of("gpu0"), Map.of(), List::of, PROGRAM))
                .isInstanceOf(BadInputException.class).hasMessageContaining("gpu0");
    }
}
