package dev.lvsa.runner.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.baselines.model.ModelRegistry;
import dev.lvsa.runner.support.Experiments;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grid: horizons to frames, the cartesian product, and job ids that are stable and say what makes a video. */
class GridExpanderTest {
    @ParameterizedTest(name = "{0} at {1}x = {2} frames")
    @CsvSource({
        "tiny-wan, 1, 33", "tiny-wan, 2, 65", "tiny-wan, 1.5, 49", "tiny-wan, 3, 97",
        "wan2.1-t2v-1.3b, 1, 81", "wan2.1-t2v-1.3b, 2, 161", "wan2.1-t2v-1.3b, 4, 321", "wan2.1-t2v-1.3b, 6, 481",
        "hunyuanvideo-1.5-480p, 1.5, 193", "hunyuanvideo-1.5-480p, 2, 257"
    })
    void horizon_to_frames(String model, double h, int frames) {
        assertThat(GridExpander.framesAt(ModelRegistry.standard().get(model), h))
                .isEqualTo(frames);
    }

    @Property(tries = 200)
    void frames_are_always_4k_plus_1(@ForAll @DoubleRange(min = 0.05, max = 12) double h) {
        int f = GridExpander.framesAt(ModelRegistry.standard().get("wan2.1-t2v-1.3b"), h);
        assertThat((f - 1) % 4).isZero();
        assertThat(Math.abs(f - (h * 80 + 1))).isLessThanOrEqualTo(2.0);
    }

    static Experiment load(Path dir, String yaml) throws IOException {
        return ExperimentLoader.load(Experiments.write(dir, "exp.yaml", yaml));
    }

    @Test
    void the_grid_is_the_product_of_its_axes(@TempDir Path dir) throws IOException {
        Experiment e = load(dir, """
                models: [tiny-wan, tiny-hv15]
                methods: [dense, riflex, ultravico, {method: lvsa, window: [2, 3]}]
                horizons: [1, 2]
                frames: [33, 49]
                prompt_sets: [smoke-2]
                seeds: [0, 7]
                steps: 2
                """);
        List<JobSpec> jobs = GridExpander.expand(e);
        // 2 models x 5 method variants x 3 lengths (33 from 1x and frames once, 65, 49) x 2 prompts x 2 seeds
        assertThat(jobs).hasSize(2 * 5 * 3 * 2 * 2);
        Set<String> ids = new HashSet<>();
        jobs.forEach(j -> ids.add(j.jobId()));
        assertThat(ids).hasSize(jobs.size());
        assertThat(jobs.stream().map(j -> j.method().label()).distinct())
                .containsExactly("dense", "riflex", "ultravico", "lvsa[window=2]", "lvsa[window=3]");
        assertThat(jobs.stream()
                        .filter(j -> j.frames() == 49)
                        .findFirst()
                        .orElseThrow()
                        .horizon())
                .isEqualTo(1.5);
    }

    /**
     * Ids (and plan stems) of LVSA jobs are those issued before the rotation knob's YAML spelling became
     * {@code rotate}: a run folder made then resumes its jobs. The values are pinned from that release.
     */
    @Test
    void lvsa_job_ids_did_not_change_with_the_rotate_spelling(@TempDir Path dir) throws IOException {
        String base = "models: [tiny-wan]\nhorizons: [2]\nprompt_sets: [demo-1]\nsteps: 4\n";
        JobSpec plain =
                GridExpander.expand(load(dir, base + "methods: [lvsa]\n")).get(0);
        assertThat(plain.jobId()).isEqualTo("f0a780c58848104b");
        assertThat(plain.stem()).isEqualTo("tiny-wan_lvsa_65f_demo-kite_s0_f0a780c5");
        assertThat(plain.method().resolved()).containsEntry("rotate", true).doesNotContainKey("rotation");
        JobSpec fixed = GridExpander.expand(load(dir, base + "methods: [{method: lvsa, rotate: false}]\n"))
                .get(0);
        assertThat(fixed.jobId()).isEqualTo("2030528e846ab81e");
        assertThat(fixed.method().label()).isEqualTo("lvsa[rotate=false]");
        Experiment old = load(dir, base + "methods: [{method: lvsa, rotation: false}]\n");
        assertThat(GridExpander.expand(old).get(0).jobId()).isEqualTo("2030528e846ab81e");
        assertThat(old.methods().get(0).label()).isEqualTo("lvsa[rotate=false]");
        assertThat(old.warnings())
                .singleElement()
                .asString()
                .endsWith("exp.yaml: methods[0].rotation: deprecated "
                        + "spelling of 'rotate': write 'rotate' (still read for now)");
        assertThat(load(dir, base + "methods: [{method: lvsa, rotate: [true, false]}]\n")
                        .warnings())
                .isEmpty();
    }

    @Test
    void ids_are_stable_and_spelled_out_defaults_are_the_same_job(@TempDir Path dir) throws IOException {
        String base = "models: [tiny-wan]\nhorizons: [2]\nprompt_sets: [demo-1]\nsteps: 4\n";
        String a = GridExpander.expand(load(dir, base + "methods: [lvsa]\n"))
                .get(0)
                .jobId();
        String again = GridExpander.expand(load(dir, base + "methods: [lvsa]\n"))
                .get(0)
                .jobId();
        String spelled = GridExpander.expand(
                        load(dir, base + "methods: [{method: lvsa, window: 3, n_first: 1, kfi: auto, rotate: true}]\n"))
                .get(0)
                .jobId();
        String otherKnob = GridExpander.expand(load(dir, base + "methods: [{method: lvsa, window: 2}]\n"))
                .get(0)
                .jobId();
        String otherSeed = GridExpander.expand(load(dir, base + "methods: [lvsa]\nseeds: [1]\n"))
                .get(0)
                .jobId();
        String otherDevice = GridExpander.expand(load(dir, base + "methods: [lvsa]\ndevice: cuda\n"))
                .get(0)
                .jobId();
        assertThat(a).isEqualTo(again).isEqualTo(spelled).isEqualTo(otherDevice).hasSize(16);
        assertThat(otherKnob).isNotEqualTo(a);
        assertThat(otherSeed).isNotEqualTo(a);
    }

    @Test
    void inline_prompts_and_user_patterns(@TempDir Path dir) throws IOException {
        Experiments.write(dir, "w4.json", """
                {"name": "window4", "pattern": {"type": "window", "half_width": 4, "mode": "shift"}}""");
        Experiment e = load(dir, """
                models: [tiny-wan]
                methods: [{pattern: w4.json}, {pattern: "window:half_width=2", label: narrow}]
                horizons: [2]
                prompts:
                  - {id: fox, text: "a fox; it's \\"quoted\\" $(not a command)"}
                """);
        List<JobSpec> jobs = GridExpander.expand(e);
        assertThat(jobs).extracting(j -> j.method().method()).containsExactly("window4", "window");
        assertThat(jobs).extracting(j -> j.method().label()).containsExactly("window4", "narrow");
        assertThat(jobs.get(0).prompt().text()).isEqualTo("a fox; it's \"quoted\" $(not a command)");
        assertThat(jobs.get(0).steps()).isEqualTo(4); // the tiny preset's default
        PlanWriter w = new PlanWriter(dir);
        assertThat(w.write(jobs.get(0))).exists();
    }

    @Test
    void defaults(@TempDir Path dir) throws IOException {
        Experiment e = load(dir, "models: [tiny-wan]\nmethods: [dense]\nprompt_sets: [demo-1]\n");
        assertThat(e.horizons()).containsExactly(1.0);
        assertThat(e.seeds()).containsExactly(0L);
        assertThat(e.retries()).isEqualTo(2);
        assertThat(e.device()).isEqualTo("auto");
        assertThat(e.guidance()).isEqualTo(5.0);
        assertThat(e.scoring().enabled()).isTrue();
        assertThat(e.name()).isEqualTo("exp");
    }

    @Test
    void timed_steps_and_a_memory_cap_make_jobs_of_their_own_and_leave_other_ids_alone(@TempDir Path dir)
            throws IOException {
        String base = "models: [tiny-wan]\nmethods: [dense]\nhorizons: [1]\nsteps: 4\n"
                + "prompts: [{id: p, text: a kite}]\n";
        JobSpec plain = GridExpander.expand(load(dir, base)).get(0);
        JobSpec timed = GridExpander.expand(load(dir, base + "timed_steps: 2\nmemory_cap_gb: 80\n"))
                .get(0);
        JobSpec all = GridExpander.expand(load(dir, base + "timed_steps: 4\n")).get(0);
        assertThat(plain.identity()).doesNotContainKeys("timed_steps", "memory_cap_gb");
        assertThat(timed.identity()).containsEntry("timed_steps", 2).containsEntry("memory_cap_gb", 80.0);
        assertThat(timed.jobId()).isNotEqualTo(plain.jobId());
        assertThat(all.jobId())
                .as("timed steps of at least the model's steps are all of them")
                .isEqualTo(plain.jobId());
    }
}
