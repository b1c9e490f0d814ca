package dev.lvsa.vqeval.loop;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.REDUCE_SUM;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.reduce;
import static org.bytedeco.opencv.global.opencv_core.repeat;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import dev.lvsa.vqeval.decode.MatData;
import java.util.Arrays;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Pairwise distances of frame descriptors: the weighted mean absolute difference (grey cells weight 1,
 * chroma cells weight 1/2) used for self-similarity, and near-identity tests on the grey cells (how many
 * cells changed by more than a level). The bulk work runs in OpenCV, one frame against all earlier
 * frames at a time, so it is fast from the first call.
 */
public final class DistanceMatrix implements AutoCloseable {

  private static final float CHROMA_WEIGHT = 0.5f;

  private final int n;
  private final int greyCells;
  private final int allowedOver;
  private final float[] weighted;
  private final float[][] grey;
  private final Mat greyMat;

  private DistanceMatrix(int n, int greyCells, float[] weighted, float[][] grey, Mat greyMat) {
    this.n = n;
    this.greyCells = greyCells;
    this.allowedOver = (int) Math.floor(0.05 * greyCells);
    this.weighted = weighted;
    this.grey = grey;
    this.greyMat = greyMat;
  }

  /**
   * Computes all pairs.
   *
   * @param descriptors per frame: grey cells then chroma cells
   * @param gridWidth grey grid width (cells)
   * @param gridHeight grey grid height (cells)
   */
  public static DistanceMatrix of(float[][] descriptors, int gridWidth, int gridHeight) {
    int n = descriptors.length;
    int greyCells = gridWidth * gridHeight;
    int dim = n == 0 ? greyCells : descriptors[0].length;
    float[] all = new float[n * dim];
    float[] greyAll = new float[n * greyCells];
    float[][] grey = new float[n][];
    for (int i = 0; i < n; i++) {
      float[] d = descriptors[i];
      for (int k = 0; k < dim; k++) {
        all[i * dim + k] = k < greyCells ? d[k] : CHROMA_WEIGHT * d[k];
      }
      System.arraycopy(d, 0, greyAll, i * greyCells, greyCells);
      grey[i] = Arrays.copyOf(d, greyCells);
    }
    float[] weighted = new float[n * n];
    Mat greyMat = new Mat(Math.max(1, n), greyCells, CV_32F);
    if (n > 0) {
      MatData.putFloats(greyMat, greyAll);
      float norm = greyCells + CHROMA_WEIGHT * (dim - greyCells);
      try (Mat m = new Mat(n, dim, CV_32F); Mat rep = new Mat(); Mat diff = new Mat(); Mat sums = new Mat()) {
        MatData.putFloats(m, all);
        float[] row = new float[n];
        for (int j = 1; j < n; j++) {
          // L1 distance of frame j to every earlier frame in one pass
          try (Mat earlier = m.rowRange(0, j); Mat current = m.row(j)) {
            repeat(current, j, 1, rep);
            absdiff(earlier, rep, diff);
            reduce(diff, sums, 1, REDUCE_SUM, CV_32F);
          }
          MatData.floats(sums, j == row.length ? row : (row = new float[j]));
          for (int i = 0; i < j; i++) {
            float v = row[i] / norm;
            weighted[i * n + j] = v;
            weighted[j * n + i] = v;
          }
        }
      }
    }
    return new DistanceMatrix(n, greyCells, weighted, grey, greyMat);
  }

  public int size() {
    return n;
  }

  /** Weighted descriptor distance, grey levels. */
  public double distance(int i, int j) {
    return weighted[i * n + j];
  }

  /** Row-major weighted distances (shared). */
  public float[] raw() {
    return weighted;
  }

  /**
   * 95th percentile of the absolute grey-cell differences of frames i and j (grey levels): how much the
   * most-changed 5% of the picture changed, sensitive to small moving objects.
   */
  public double localChange(int i, int j) {
    float[] a = grey[i];
    float[] b = grey[j];
    float[] scratch = new float[greyCells];
    for (int c = 0; c < greyCells; c++) {
      scratch[c] = Math.abs(a[c] - b[c]);
    }
    Arrays.sort(scratch);
    return scratch[Math.min(greyCells - 1, (int) Math.floor(0.95 * greyCells))];
  }

  /**
   * True when frames i and j are near-identical at {@code level}: at most 5% of the grey cells differ by
   * more than {@code level} grey levels.
   */
  public boolean identical(int i, int j, double level) {
    if (i == j) {
      return true;
    }
    float[] a = grey[i];
    float[] b = grey[j];
    int over = 0;
    for (int c = 0; c < greyCells; c++) {
      over += Math.abs(a[c] - b[c]) > level ? 1 : 0;
    }
    return over <= allowedOver;
  }

  /**
   * For frame j, which of frames {@code 0..upTo-1} are near-identical to it at {@code level} (same test
   * as {@link #identical}, done for the whole range at once in OpenCV).
   */
  public boolean[] identicalToEarlier(int j, int upTo, double level) {
    boolean[] out = new boolean[Math.max(0, upTo)];
    if (upTo <= 0) {
      return out;
    }
    try (Mat rows = greyMat.rowRange(0, upTo); Mat row = greyMat.row(j); Mat rep = new Mat(); Mat diff = new Mat();
        Mat over = new Mat(); Mat counts = new Mat()) {
      repeat(row, upTo, 1, rep);
      absdiff(rows, rep, diff);
      threshold(diff, over, level, 1, THRESH_BINARY);
      reduce(over, counts, 1, REDUCE_SUM, CV_32F);
      float[] c = MatData.floats(counts, new float[upTo]);
      for (int i = 0; i < upTo; i++) {
        out[i] = c[i] <= allowedOver;
      }
    }
    return out;
  }

  @Override
  public void close() {
    greyMat.close();
  }
}
