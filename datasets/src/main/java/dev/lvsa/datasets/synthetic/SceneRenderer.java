package dev.lvsa.datasets.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/** Renders scene frames into BGR bytes. */
final class SceneRenderer {

    private final int width;
    private final int height;
    private final float[] canvas;
    private final float[] px = new float[3];
    private final double[] pose = new double[3];

    SceneRenderer(int width, int height) {
        this.width = width;
        this.height = height;
        this.canvas = new float[width * height * 3];
    }

    /**
     * @param t scene time (frames)
     * @param frameIndex output frame index (drives drifts)
     * @param frames clip length (for the gain drift)
     * @param noiseSigma Gaussian sensor noise, grey levels
     * @param noiseKey seed of this frame's noise (equal keys give equal noise)
     */
    byte[] render(Scene scene, double t, int frameIndex, int frames, double noiseSigma, long noiseKey) {
        scene.camera().at(t, pose);
        double camX = pose[0] + scene.driftX() * frameIndex;
        double camY = pose[1] + scene.driftY() * frameIndex;
        Texture bg = scene.background();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                bg.sample(x + camX, y + camY, px);
                int j = 3 * (y * width + x);
                canvas[j] = px[0];
                canvas[j + 1] = px[1];
                canvas[j + 2] = px[2];
            }
        }
        draw(scene.objects(), t);
        draw(scene.driftObjects(), frameIndex);
        double gain = 1 + scene.gainDrift() * frameIndex / Math.max(1, frames - 1);
        SplittableRandom noise = noiseSigma > 0 ? new SplittableRandom(noiseKey) : null;
        byte[] out = new byte[width * height * 3];
        for (int p = 0; p < width * height; p++) {
            int j = 3 * p;
            // canvas is RGB; output is BGR
            for (int k = 0; k < 3; k++) {
                double v = canvas[j + k] * gain;
                if (noise != null) {
                    v += noise.nextGaussian() * noiseSigma;
                }
                int iv = (int) Math.round(v);
                out[j + 2 - k] = (byte) (iv < 0 ? 0 : iv > 255 ? 255 : iv);
            }
        }
        return out;
    }

    private void draw(List<SceneObject> objects, double t) {
        for (SceneObject o : objects) {
            o.motion.at(t, pose);
            double r = o.radius();
            double x = pose[0];
            double y = pose[1];
            if (o.wrap) {
                double spanX = width + 2 * r;
                double spanY = height + 2 * r;
                x = ((x + r) % spanX + spanX) % spanX - r;
                y = ((y + r) % spanY + spanY) % spanY - r;
            }
            double c = Math.cos(pose[2]);
            double s = Math.sin(pose[2]);
            int x0 = Math.max(0, (int) Math.floor(x - r));
            int x1 = Math.min(width - 1, (int) Math.ceil(x + r));
            int y0 = Math.max(0, (int) Math.floor(y - r));
            int y1 = Math.min(height - 1, (int) Math.ceil(y + r));
            for (int py = y0; py <= y1; py++) {
                for (int qx = x0; qx <= x1; qx++) {
                    double a = o.cover(qx + 0.5, py + 0.5, x, y, c, s, px);
                    if (a > 0) {
                        int j = 3 * (py * width + qx);
                        for (int k = 0; k < 3; k++) {
                            canvas[j + k] = (float) (canvas[j + k] * (1 - a) + px[k] * a);
                        }
                    }
                }
            }
        }
    }
}
