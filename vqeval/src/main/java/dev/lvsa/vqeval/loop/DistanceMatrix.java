package dev.lvsa.vqeval.loop;

import java.util.stream.IntStream;

/**
 * Pairwise distances of frame descriptors: the weighted mean absolute difference (grey cells weight 1,
 * chroma cells weight 1/2) used for self-similarity, the grey-only mean absolute difference, and a local
 * change measure (mean of the largest 5% of cell differences on a 2x2-pooled grey grid) for
 * near-identity. Descriptors are held as integers in 1/16 grey level so the inner loops vectorise.
 */
public final class DistanceMatrix {

  private static final int SCALE = 16;
  private static final double CHROMA_WEIGHT = 0.5;

  private final int n;
  private final float[] weighted;
  private final float[] grey;
  private final int[][] pooled;
  private final int pooledCells;
  private final int topK;

  private DistanceMatrix(int n, float[] weighted, float[] grey, int[][] pooled, int pooledCells) {
    this.n = n;
    this.weighted = weighted;
    this.grey = grey;
    this.pooled = pooled;
    this.pooledCells = pooledCells;
    this.topK = Math.max(1, (int) Math.ceil(0.05 * pooledCells));
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
    int pw = Math.max(1, gridWidth / 2);
    int ph = Math.max(1, gridHeight / 2);
    int[][] pooled = new int[n][pw * ph];
    for (int i = 0; i < n; i++) {
      for (int y = 0; y < ph; y++) {
        for (int x = 0; x < pw; x++) {
          int s = 0;
          int c = 0;
          for (int dy = 0; dy < 2 && 2 * y + dy < gridHeight; dy++) {
            for (int dx = 0; dx < 2 && 2 * x + dx < gridWidth; dx++) {
              s += q[i][(2 * y + dy) * gridWidth + 2 * x + dx];
              c++;
            }
          }
          pooled[i][y * pw + x] = Math.round((float) s / c);
        }
      }
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
    return new DistanceMatrix(n, weighted, grey, pooled, pw * ph);
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

  /** Mean of the largest 5% of pooled grey-cell differences (grey levels): sensitive to local change. */
  public double localChange(int i, int j) {
    int[] a = pooled[i];
    int[] b = pooled[j];
    int k = topK;
    int[] top = new int[k]; // ascending; top[0] is the smallest kept
    for (int c = 0; c < pooledCells; c++) {
      int d = Math.abs(a[c] - b[c]);
      if (d > top[0]) {
        int p = 0;
        while (p + 1 < k && top[p + 1] < d) {
          top[p] = top[p + 1];
          p++;
        }
        top[p] = d;
      }
    }
    long sum = 0;
    for (int v : top) {
      sum += v;
    }
    return (double) sum / k / SCALE;
  }

  /** True when frames i and j are near-identical at {@code level} (local change at most level). */
  public boolean identical(int i, int j, double level) {
    if (i == j) {
      return true;
    }
    // the largest differences are never below the mean, so the cheap test prunes most pairs
    return grey[i * n + j] <= level && localChange(i, j) <= level;
  }
}
