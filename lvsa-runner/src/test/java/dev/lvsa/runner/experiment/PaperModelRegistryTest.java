package dev.lvsa.runner.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.baselines.model.ModelRegistry;
import dev.lvsa.baselines.model.ModelSpec;
import dev.lvsa.datasets.reference.PaperModel;
import org.junit.jupiter.api.Test;

/**
 * The paper's models (datasets, which does not depend on baselines, types their training lengths) agree with the
 * model registry read from {@code contracts/models/real-models.json}: this module sees both.
 */
class PaperModelRegistryTest {
    @Test
    void every_paper_model_has_the_registrys_training_length_and_frame_counts() {
        for (PaperModel p : PaperModel.values()) {
            ModelSpec m = ModelRegistry.standard().get(p.toolkitName());
            assertThat(p.referenceLatentFrames()).as(p.toolkitName()).isEqualTo(m.referenceLatentFrames());
            for (double horizon : new double[] {1, 1.5, 2, 4, 6}) {
                assertThat(p.videoFrames(horizon))
                        .as(p.toolkitName() + " at " + horizon + "x")
                        .isEqualTo(m.framesAtHorizon(horizon));
            }
        }
    }
}
