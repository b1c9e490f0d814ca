package dev.lvsa.vqeval.decode;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Copies between continuous OpenCV Mats and Java arrays. */
public final class MatData {

    private MatData() {}

    /** Copies a continuous CV_32F Mat into {@code out} (length = rows x cols x channels). */
    public static float[] floats(Mat m, float[] out) {
        requireContinuous(m, (long) out.length * Float.BYTES);
        try (FloatPointer p = new FloatPointer(m.data())) {
            p.get(out, 0, out.length);
        }
        return out;
    }

    /** Copies {@code values} into a continuous CV_32F Mat of matching size. */
    public static void putFloats(Mat m, float[] values) {
        requireContinuous(m, (long) values.length * Float.BYTES);
        try (FloatPointer p = new FloatPointer(m.data())) {
            p.put(values, 0, values.length);
        }
    }

    /** Copies a continuous CV_8U Mat into {@code out}. */
    public static byte[] bytes(Mat m, byte[] out) {
        requireContinuous(m, out.length);
        BytePointer p = m.data();
        p.get(out, 0, out.length);
        return out;
    }

    private static void requireContinuous(Mat m, long bytes) {
        if (!m.isContinuous()) {
            throw new IllegalStateException("Mat is not continuous");
        }
        long have = m.total() * m.elemSize();
        if (have != bytes) {
            throw new IllegalStateException("Mat holds " + have + " bytes, array wants " + bytes);
        }
    }
}
