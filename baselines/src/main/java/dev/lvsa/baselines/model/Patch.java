package dev.lvsa.baselines.model;

import java.util.List;

/** The transformer's patch size in latent (frames, rows, columns). */
public record Patch(int t, int h, int w) {
    public Patch {
        if (t < 1 || h < 1 || w < 1) {
            throw new IllegalArgumentException("patch sizes must be >= 1: " + t + "x" + h + "x" + w);
        }
    }

    public List<Integer> asList() {
        return List.of(t, h, w);
    }
}
