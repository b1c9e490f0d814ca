package dev.lvsa.datasets.reference;

import java.util.Optional;

/**
 * A model of the LVSA paper's tables, with its id there, its name in the toolkit's model registry and its
 * training length in latent frames (the reference horizon).
 */
public enum PaperModel {
    WAN_2_1_1_3B("wan13b", "wan2.1-t2v-1.3b", "Wan 2.1 T2V 1.3B", 21),
    WAN_2_1_14B("wan14b", "wan2.1-t2v-14b", "Wan 2.1 T2V 14B", 21),
    HUNYUANVIDEO_1_5("hv15", "hunyuanvideo-1.5-480p", "HunyuanVideo 1.5 480p", 33);

    private final String paperId;
    private final String toolkitName;
    private final String displayName;
    private final int referenceLatentFrames;

    PaperModel(String paperId, String toolkitName, String displayName, int referenceLatentFrames) {
        this.paperId = paperId;
        this.toolkitName = toolkitName;
        this.displayName = displayName;
        this.referenceLatentFrames = referenceLatentFrames;
    }

    /** The id in the paper's results files, e.g. {@code wan13b}. */
    public String paperId() {
        return paperId;
    }

    /** The toolkit's registry name, e.g. {@code wan2.1-t2v-1.3b}. */
    public String toolkitName() {
        return toolkitName;
    }

    public String displayName() {
        return displayName;
    }

    /** Training length in latent frames (Wan 21 = 81 video frames, HunyuanVideo 1.5 33 = 129). */
    public int referenceLatentFrames() {
        return referenceLatentFrames;
    }

    /**
     * Video frames generated at a horizon: latent frames {@code (ref - 1) * horizon + 1}, video frames
     * {@code 4 * (latent - 1) + 1} (temporal VAE factor 4), e.g. Wan at 4x: 321.
     */
    public int videoFrames(double horizon) {
        return (int) Math.round(4 * (referenceLatentFrames - 1) * horizon) + 1;
    }

    public static Optional<PaperModel> byPaperId(String id) {
        for (PaperModel m : values()) {
            if (m.paperId.equals(id)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    public static Optional<PaperModel> byToolkitName(String name) {
        for (PaperModel m : values()) {
            if (m.toolkitName.equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
