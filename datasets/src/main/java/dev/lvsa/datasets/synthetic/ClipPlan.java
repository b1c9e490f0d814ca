package dev.lvsa.datasets.synthetic;

import java.util.List;

/**
 * Everything needed to render and encode one clip, plus its ground truth.
 *
 * @param effect drawn on the rendered frames before encoding (an overlay, a shimmer), or null
 */
record ClipPlan(
        List<Scene> scenes,
        Timeline timeline,
        double noiseSigma,
        boolean reencode,
        ClipLabel label,
        FrameEffect effect) {

    ClipPlan(List<Scene> scenes, Timeline timeline, double noiseSigma, boolean reencode, ClipLabel label) {
        this(scenes, timeline, noiseSigma, reencode, label, null);
    }

    /** Changes a rendered BGR frame in place. */
    interface FrameEffect {
        void apply(byte[] bgr, int frame, int width, int height);
    }
}
