package dev.lvsa.vqeval.signal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_quality.QualityBRISQUE;

/**
 * BRISQUE no-reference image quality (OpenCV contrib {@code quality} module) from a model file and a
 * range file the user gives (OpenCV ships {@code brisque_model_live.yml} and
 * {@code brisque_range_live.yml}). Lower scores are better (roughly 0-100).
 */
public final class Brisque {

    private final String model;
    private final String range;

    public Brisque(Path model, Path range) {
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("BRISQUE model file not found: " + model);
        }
        if (!Files.isRegularFile(range)) {
            throw new IllegalArgumentException("BRISQUE range file not found: " + range);
        }
        this.model = model.toString();
        this.range = range.toString();
    }

    public double score(Mat bgr) {
        Scalar s = QualityBRISQUE.compute(bgr, model, range);
        return s.get(0);
    }
}
