package dev.lvsa.vqeval.signal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;

/** OpenCV's LIVE BRISQUE model and range files, as shipped inside JavaCV's OpenCV jar. */
public final class BundledBrisque {

    private BundledBrisque() {}

    /** {model, range}, extracted to JavaCPP's cache. */
    public static Path[] files() {
        String dir = "/org/bytedeco/opencv/" + Loader.getPlatform() + "/share/opencv4/quality/";
        try {
            File model = Loader.cacheResource(dir + "brisque_model_live.yml");
            File range = Loader.cacheResource(dir + "brisque_range_live.yml");
            if (model == null || range == null) {
                throw new IllegalArgumentException("OpenCV's BRISQUE files are not in this build's OpenCV jar");
            }
            return new Path[] {model.toPath(), range.toPath()};
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot extract OpenCV's BRISQUE files: " + e.getMessage(), e);
        }
    }
}
