package dev.lvsa.datasets.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The AUROC used by the validation: perfect, reversed, chance, ties. */
class AurocTest {
    @Test
    void spec() {
        assertThat(Validation.auroc(new double[] {5, 6}, new double[] {1, 2})).isEqualTo(1.0);
        assertThat(Validation.auroc(new double[] {1, 2}, new double[] {5, 6})).isEqualTo(0.0);
        assertThat(Validation.auroc(new double[] {1, 3}, new double[] {2, 2})).isEqualTo(0.5);
        assertThat(Validation.auroc(new double[] {2}, new double[] {2})).isEqualTo(0.5);
        assertThat(Validation.auroc(new double[] {}, new double[] {2})).isNaN();
    }
}
