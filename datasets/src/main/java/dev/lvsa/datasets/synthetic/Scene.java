package dev.lvsa.datasets.synthetic;

import java.util.List;

/**
 * What a clip shows: a background texture seen through a moving camera, objects moving in screen space,
 * and slow drifts driven by the output frame index (not scene time), so that a looping scene can drift.
 *
 * @param background texture larger than the frame
 * @param camera camera offset into the background as a function of scene time
 * @param objects objects in drawing order, positioned by scene time
 * @param driftObjects objects positioned by the output frame index (they do not loop with the scene)
 * @param driftX camera drift per output frame, pixels
 * @param driftY camera drift per output frame, pixels
 * @param gainDrift brightness change over the whole clip (e.g. 0.15 = 15% brighter at the end)
 */
record Scene(
        Texture background,
        Motion camera,
        List<SceneObject> objects,
        List<SceneObject> driftObjects,
        double driftX,
        double driftY,
        double gainDrift) {

    Scene withDrift(double dx, double dy, double gain, List<SceneObject> drifting) {
        return new Scene(background, camera, objects, drifting, dx, dy, gain);
    }
}
