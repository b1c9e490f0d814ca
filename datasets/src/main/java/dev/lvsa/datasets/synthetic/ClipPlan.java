package dev.lvsa.datasets.synthetic;

import java.util.List;

/** Everything needed to render and encode one clip, plus its ground truth. */
record ClipPlan(List<Scene> scenes, Timeline timeline, double noiseSigma, boolean reencode, ClipLabel label) {
}
