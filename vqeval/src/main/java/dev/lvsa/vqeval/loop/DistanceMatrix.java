package dev.lvsa.vqeval.loop;

import java.util.stream.IntStream;

/**
 * Pairwise distances of frame descriptors: the weighted mean absolute difference (grey cells weight 1,
 * chroma cells weight 1/2) used for self-similarity, the grey-only mean absolute difference, and a local
 * change measure (95th percentile of grey-cell differences) for near-identity. Descriptors are held as integers in 1/16 grey level so the inner loops vectorise.
 */
public final class DistanceMatrix {

  private static final int SCALE = 16;
  private static final double CHROMA_WEIGHT = 0.5;

  private final int n;
  private final float[] weighted;
  private final float[] grey;
  private final int[][] q;
  private final int greyCells;
  private final int allowedOver;

  private DistanceMatrix(int n, float[] weighted, float[] grey, int[][] q, int greyCells) {
    this.n = n;
    this.weighted = weighted;
    this.grey = grey;
    this.q = q;
    this.greyCells = greyCells;
    this.allowedOver = (int) Math.floor(0.05 * greyCells);
  }

  /**
   * Computes all pairs (rows in parallel; the result does not depend on scheduling).
   *
   * @param descriptors per frame: grey cells then chroma cells
   * @param gridWidth grey grid width (cells)
   * @param gridHeight grey grid height (cells)
   */
  public static DistanceMatrix of(float[][] descriptors, int gridWidth, int gridHeight) {
    int n = descriptors.length;
    int greyCells = gridWidth * gridHeight;
    int dim = n == 0 ? greyCells : descriptors[0].length;
    int[][] q = new int[n][];
    for (int i = 0; i < n; i++) {
      int[] v = new int[dim];
      for (int k = 0; k < dim; k++) {
        v[k] = Math.round(descriptors[i][k] * SCALE);
      }
      q[i] = v;
    }
    float[] weighted = new float[n * n];
    float[] grey = new float[n * n];
    double norm = (greyCells + CHROMA_WEIGHT * (dim - greyCells)) * SCALE;
    IntStream.range(0, n).parallel().forEach(i -> {
      int[] a = q[i];
      for (int j = i + 1; j < n; j++) {
        int[] b = q[j];
        int g = 0;
        for (int k = 0; k < greyCells; k++) {
          g += Math.abs(a[k] - b[k]);
        }
        int c = 0;
        for (int k = greyCells; k < dim; k++) {
          c += Math.abs(a[k] - b[k]);
        }
        float w = (float) ((g + CHROMA_WEIGHT * c) / norm);
        float gm = (float) g / (greyCells * SCALE);
        weighted[i * n + j] = w;
        weighted[j * n + i] = w;
        grey[i * n + j] = gm;
        grey[j * n + i] = gm;
      }
    });
    return new DistanceMatrix(n, weighted, grey, q, greyCells);
  }

  public int size() {
    return n;
  }

  /** Weighted descriptor distance, grey levels. */
  public double distance(int i, int j) {
    return weighted[i * n + j];
  }

  /** Mean absolute grey-cell difference, grey levels. */
  public double greyDistance(int i, int j) {
    return grey[i * n + j];
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
    int[] a = q[i];
    int[] b = q[j];
    int[] scratch = new int[greyCells];
    for (int c = 0; c < greyCells; c++) {
      scratch[c] = Math.abs(a[c] - b[c]);
    }
    java.util.Arrays.sort(scratch);
    return (double) scratch[Math.min(greyCells - 1, (int) Math.floor(0.95 * greyCells))] / SCALE;
  }

  /**
   * True when frames i and j are near-identical at {@code level}: at most 5% of the grey cells differ by
   * more than {@code level} grey levels.
   */
  public boolean identical(int i, int j, double level) {
    if (i == j) {
      return true;
    }
    int[] a = q[i];
    int[] b = q[j];
    int limit = (int) Math.round(level * SCALE);
    int over = 0;
    for (int c = 0; c < greyCells; c++) {
      over += Math.abs(a[c] - b[c]) > limit ? 1 : 0;
    }
    return over <= allowedOver;
  }
}
