package dev.lvsa.vqeval.signal;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.remap;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowFarneback;

import dev.lvsa.vqeval.api.FrameSeries;
import dev.lvsa.vqeval.api.SpatialSample;
import dev.lvsa.vqeval.api.VideoInfo;
import dev.lvsa.vqeval.decode.DecodedFrame;
import dev.lvsa.vqeval.decode.FrameSink;
import dev.lvsa.vqeval.decode.MatData;
import dev.lvsa.vqeval.decode.StreamFacts;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Consumes frames in order and measures everything per frame as it arrives, keeping only small
 * buffers: the last three grey frames, the first frame's SSIM terms, and per-frame numbers.
 * Not thread-safe; one instance per video.
 */
public final class FrameAnalyzer implements FrameSink, AutoCloseable {

  /** Longer side of the grey descriptor grid (cells). */
  public static final int DESCRIPTOR_LONG_SIDE = 32;
  private static final double C1 = Math.pow(0.01 * 255, 2);
  private static final double C2 = Math.pow(0.03 * 255, 2);
  private static final Size SSIM_WINDOW = new Size(11, 11);
  private static final double SSIM_SIGMA = 1.5;
  // Farneback on the small analysis frames: 3 pyramid levels reach ~8x the window, which covers the
  // per-frame motion of generated video; 2 iterations per level.
  private static final double PYR_SCALE = 0.5;
  private static final int LEVELS = 3;
  private static final int WINSIZE = 13;
  private static final int ITERATIONS = 2;
  private static final int POLY_N = 5;
  private static final double POLY_SIGMA = 1.1;

  private final String video;
  private final int stride;
  private final SpatialStats spatialStats;

  private StreamFacts facts;
  private int aw;
  private int ah;
  private int npx;
  private int gw;
  private int gh;
  private int cw;
  private int ch;
  private int cx0;
  private int cx1;
  private int cy0;
  private int cy1;
  private Size tinySize;
  private final Size thumbSize = new Size(8, 8);

  // ring of the last three frames (index k % 3)
  private final Mat[] gray8 = new Mat[3];
  private final Mat[] grayF = new Mat[3];
  private final float[][] grayArr = new float[3][];
  private float[][] muArr;
  private float[][] sqArr;
  private Mat firstF;
  private float[] firstArr;
  private float[] firstMu;
  private float[] firstSq;

  private Mat prod;
  private Mat blurred;
  private Mat flow;
  private Mat flow2;
  private Mat mapA;
  private Mat mapB;
  private Mat warpA;
  private Mat warpB;
  private Mat tiny;
  private Mat thumb;
  private final Mat noMap = new Mat();
  private static final Scalar BLACK = new Scalar(0.0);
  private float[] flowArr;
  private float[] magScratch;
  private float[] crossArr;
  private float[] mapArr;
  private float[] warpArrA;
  private float[] warpArrB;
  private byte[] tinyBytes;
  private byte[] thumbBytes;

  private int count;
  private final List<float[]> descriptors = new ArrayList<>();
  private final List<float[]> thumbnails = new ArrayList<>();
  private final GrowableDoubles flowMean = new GrowableDoubles();
  private final GrowableDoubles flowTop5 = new GrowableDoubles();
  private final GrowableDoubles ssimPrev = new GrowableDoubles();
  private final GrowableDoubles psnrPrev = new GrowableDoubles();
  private final GrowableDoubles absDiffPrev = new GrowableDoubles();
  private final GrowableDoubles ssimFirst = new GrowableDoubles();
  private final GrowableDoubles subjectPrev = new GrowableDoubles();
  private final GrowableDoubles subjectFirst = new GrowableDoubles();
  private final GrowableDoubles backgroundPrev = new GrowableDoubles();
  private final GrowableDoubles backgroundFirst = new GrowableDoubles();
  private final GrowableDoubles lumaMean = new GrowableDoubles();
  private final GrowableDoubles interpolationError = new GrowableDoubles();
  private final double[] directionHistogram = new double[8];
  private final List<SpatialSample> spatialSamples = new ArrayList<>();

  public FrameAnalyzer(String video, int stride, SpatialStats spatialStats) {
    this.video = video;
    this.stride = stride;
    this.spatialStats = spatialStats;
  }

  @Override
  public void begin(StreamFacts facts, int analysisWidth, int analysisHeight) {
    this.facts = facts;
    this.aw = analysisWidth;
    this.ah = analysisHeight;
    this.npx = aw * ah;
    int[] grid = descriptorGrid(aw, ah);
    gw = grid[0];
    gh = grid[1];
    cw = Math.max(1, gw / 2);
    ch = Math.max(1, gh / 2);
    cx0 = aw / 4;
    cx1 = aw - aw / 4;
    cy0 = ah / 4;
    cy1 = ah - ah / 4;
    tinySize = new Size(gw, gh);
    for (int k = 0; k < 3; k++) {
      gray8[k] = new Mat();
      grayF[k] = new Mat(ah, aw, CV_32F);
      grayArr[k] = new float[npx];
    }
    muArr = new float[3][npx];
    sqArr = new float[3][npx];
    firstF = new Mat(ah, aw, CV_32F);
    prod = new Mat(ah, aw, CV_32F);
    blurred = new Mat(ah, aw, CV_32F);
    flow = new Mat();
    flow2 = new Mat();
    mapA = new Mat(ah, aw, org.bytedeco.opencv.global.opencv_core.CV_32FC2);
    mapB = new Mat(ah, aw, org.bytedeco.opencv.global.opencv_core.CV_32FC2);
    warpA = new Mat(ah, aw, CV_32F);
    warpB = new Mat(ah, aw, CV_32F);
    tiny = new Mat();
    thumb = new Mat();
    flowArr = new float[2 * npx];
    magScratch = new float[npx];
    crossArr = new float[npx];
    mapArr = new float[2 * npx];
    warpArrA = new float[npx];
    warpArrB = new float[npx];
    tinyBytes = new byte[gw * gh * 3];
    thumbBytes = new byte[64];
  }

  /** Grey descriptor grid for an analysis frame: longer side 32 cells, at least 4 on the shorter. */
  public static int[] descriptorGrid(int width, int height) {
    int longSide = Math.min(DESCRIPTOR_LONG_SIDE, Math.max(width, height));
    if (width >= height) {
      return new int[] {longSide, Math.max(4, (int) Math.round((double) height * longSide / width))};
    }
    return new int[] {Math.max(4, (int) Math.round((double) width * longSide / height)), longSide};
  }

  @Override
  public void accept(DecodedFrame frame) {
    try (frame) {
      int i = count;
      int k = i % 3;
      cvtColor(frame.small(), gray8[k], COLOR_BGR2GRAY);
      gray8[k].convertTo(grayF[k], CV_32F);
      MatData.floats(grayF[k], grayArr[k]);
      GaussianBlur(grayF[k], blurred, SSIM_WINDOW, SSIM_SIGMA);
      MatData.floats(blurred, muArr[k]);
      multiply(grayF[k], grayF[k], prod);
      GaussianBlur(prod, blurred, SSIM_WINDOW, SSIM_SIGMA);
      MatData.floats(blurred, sqArr[k]);

      descriptors.add(descriptor(frame.small()));
      thumbnails.add(thumbnail(gray8[k]));
      lumaMean.add(mean(grayArr[k]));

      if (i == 0) {
        grayF[k].copyTo(firstF);
        firstArr = grayArr[k].clone();
        firstMu = muArr[k].clone();
        firstSq = sqArr[k].clone();
        flowMean.add(Double.NaN);
        flowTop5.add(Double.NaN);
        ssimPrev.add(Double.NaN);
        psnrPrev.add(Double.NaN);
        absDiffPrev.add(Double.NaN);
        subjectPrev.add(Double.NaN);
        backgroundPrev.add(Double.NaN);
        ssimFirst.add(1.0);
        subjectFirst.add(1.0);
        backgroundFirst.add(1.0);
      } else {
        int p = (i - 1) % 3;
        pairFlow(gray8[p], gray8[k]);
        pairDifferences(grayArr[p], grayArr[k]);
        double[] prevSsim = regionSsim(grayF[p], grayF[k], muArr[p], muArr[k], sqArr[p], sqArr[k]);
        ssimPrev.add(prevSsim[0]);
        subjectPrev.add(prevSsim[1]);
        backgroundPrev.add(prevSsim[2]);
        double[] firstSsim = regionSsim(firstF, grayF[k], firstMu, muArr[k], firstSq, sqArr[k]);
        ssimFirst.add(firstSsim[0]);
        subjectFirst.add(firstSsim[1]);
        backgroundFirst.add(firstSsim[2]);
      }
      interpolationError.add(Double.NaN);
      if (i >= 2 && (i - 1) % 2 == 1) {
        interpolationError.set(i - 1, interpolationError((i - 2) % 3, (i - 1) % 3, k));
      }
      if (frame.full() != null) {
        spatialSamples.add(spatialStats.measure(frame.index(), frame.full()));
      }
      count++;
    }
  }

  private void pairFlow(Mat prev, Mat next) {
    calcOpticalFlowFarneback(prev, next, flow, PYR_SCALE, LEVELS, WINSIZE, ITERATIONS, POLY_N, POLY_SIGMA, 0);
    MatData.floats(flow, flowArr);
    double sum = 0;
    for (int j = 0; j < npx; j++) {
      float fx = flowArr[2 * j];
      float fy = flowArr[2 * j + 1];
      float mag = (float) Math.sqrt(fx * fx + fy * fy);
      magScratch[j] = mag;
      sum += mag;
      directionHistogram[octant(fx, fy)] += mag;
    }
    flowMean.add(sum / npx);
    flowTop5.add(TopK.meanOfLargest(magScratch, npx, TopK.count(npx, 0.05)));
  }

  /** Direction bin 0..7 (45 degrees each, counter-clockwise from +x) without atan2. */
  static int octant(float fx, float fy) {
    float ax = Math.abs(fx);
    float ay = Math.abs(fy);
    boolean steep = ay > ax;
    if (fx >= 0 && fy >= 0) {
      return steep ? 1 : 0;
    }
    if (fx < 0 && fy >= 0) {
      return steep ? 2 : 3;
    }
    if (fx < 0) {
      return steep ? 5 : 4;
    }
    return steep ? 6 : 7;
  }

  private void pairDifferences(float[] a, float[] b) {
    double abs = 0;
    double sq = 0;
    for (int j = 0; j < npx; j++) {
      double d = a[j] - b[j];
      abs += Math.abs(d);
      sq += d * d;
    }
    double mse = sq / npx;
    absDiffPrev.add(abs / npx);
    psnrPrev.add(mse < 1e-10 ? 100.0 : Math.min(100.0, 10 * Math.log10(255.0 * 255.0 / mse)));
  }

  /** SSIM over the whole frame, the centre region and the border region: {whole, centre, border}. */
  private double[] regionSsim(Mat a, Mat b, float[] muA, float[] muB, float[] sqA, float[] sqB) {
    multiply(a, b, prod);
    GaussianBlur(prod, blurred, SSIM_WINDOW, SSIM_SIGMA);
    MatData.floats(blurred, crossArr);
    double all = 0;
    double centre = 0;
    int nCentre = 0;
    for (int y = 0; y < ah; y++) {
      boolean rowIn = y >= cy0 && y < cy1;
      int row = y * aw;
      for (int x = 0; x < aw; x++) {
        int j = row + x;
        double ma = muA[j];
        double mb = muB[j];
        double va = sqA[j] - ma * ma;
        double vb = sqB[j] - mb * mb;
        double cov = crossArr[j] - ma * mb;
        double s = ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
        all += s;
        if (rowIn && x >= cx0 && x < cx1) {
          centre += s;
          nCentre++;
        }
      }
    }
    int nBorder = npx - nCentre;
    return new double[] {all / npx, nCentre > 0 ? centre / nCentre : all / npx,
        nBorder > 0 ? (all - centre) / nBorder : all / npx};
  }

  /**
   * Predicts the middle frame of (a, m, b) from a and b by warping each half-way along the flow a->b;
   * returns the mean absolute error in grey levels.
   */
  private double interpolationError(int ka, int km, int kb) {
    calcOpticalFlowFarneback(gray8[ka], gray8[kb], flow2, PYR_SCALE, LEVELS, WINSIZE, ITERATIONS, POLY_N, POLY_SIGMA, 0);
    MatData.floats(flow2, flowArr);
    for (int y = 0; y < ah; y++) {
      for (int x = 0; x < aw; x++) {
        int j = y * aw + x;
        mapArr[2 * j] = x - 0.5f * flowArr[2 * j];
        mapArr[2 * j + 1] = y - 0.5f * flowArr[2 * j + 1];
      }
    }
    MatData.putFloats(mapA, mapArr);
    for (int j = 0; j < npx; j++) {
      int x = j % aw;
      int y = j / aw;
      mapArr[2 * j] = x + 0.5f * flowArr[2 * j];
      mapArr[2 * j + 1] = y + 0.5f * flowArr[2 * j + 1];
    }
    MatData.putFloats(mapB, mapArr);
    remap(grayF[ka], warpA, mapA, noMap, INTER_LINEAR, BORDER_REPLICATE, BLACK);
    remap(grayF[kb], warpB, mapB, noMap, INTER_LINEAR, BORDER_REPLICATE, BLACK);
    MatData.floats(warpA, warpArrA);
    MatData.floats(warpB, warpArrB);
    float[] mid = grayArr[km];
    double err = 0;
    for (int j = 0; j < npx; j++) {
      err += Math.abs(0.5 * (warpArrA[j] + warpArrB[j]) - mid[j]);
    }
    return err / npx;
  }

  /** Grey cells (mean removed) then (B-Y) and (R-Y) chroma at half the grid, in grey levels. */
  private float[] descriptor(Mat smallBgr) {
    resize(smallBgr, tiny, tinySize, 0, 0, INTER_AREA);
    MatData.bytes(tiny, tinyBytes);
    int cells = gw * gh;
    float[] d = new float[cells + 2 * cw * ch];
    float[] cb = new float[cells];
    float[] cr = new float[cells];
    double sum = 0;
    for (int j = 0; j < cells; j++) {
      int b = tinyBytes[3 * j] & 0xff;
      int g = tinyBytes[3 * j + 1] & 0xff;
      int r = tinyBytes[3 * j + 2] & 0xff;
      float y = 0.299f * r + 0.587f * g + 0.114f * b;
      d[j] = y;
      cb[j] = b - y;
      cr[j] = r - y;
      sum += y;
    }
    float m = (float) (sum / cells);
    for (int j = 0; j < cells; j++) {
      d[j] -= m;
    }
    int sx = gw / cw;
    int sy = gh / ch;
    for (int y = 0; y < ch; y++) {
      for (int x = 0; x < cw; x++) {
        float sb = 0;
        float sr = 0;
        for (int dy = 0; dy < sy; dy++) {
          for (int dx = 0; dx < sx; dx++) {
            int j = (y * sy + dy) * gw + (x * sx + dx);
            sb += cb[j];
            sr += cr[j];
          }
        }
        int n = sx * sy;
        d[cells + y * cw + x] = sb / n;
        d[cells + cw * ch + y * cw + x] = sr / n;
      }
    }
    return d;
  }

  private float[] thumbnail(Mat gray) {
    resize(gray, thumb, thumbSize, 0, 0, INTER_AREA);
    MatData.bytes(thumb, thumbBytes);
    float[] t = new float[64];
    for (int j = 0; j < 64; j++) {
      t[j] = thumbBytes[j] & 0xff;
    }
    return t;
  }

  private static double mean(float[] a) {
    double s = 0;
    for (float v : a) {
      s += v;
    }
    return s / a.length;
  }

  /** The measured series, once every frame went by. */
  public FrameSeries finish(int framesDecoded) {
    VideoInfo info = new VideoInfo(video, facts.width(), facts.height(), facts.fps(), framesDecoded,
        facts.codec(), facts.format());
    return new FrameSeries(info, stride, aw, ah, gw, gh, descriptors.toArray(new float[0][]),
        thumbnails.toArray(new float[0][]), flowMean.toArray(), flowTop5.toArray(), ssimPrev.toArray(),
        psnrPrev.toArray(), absDiffPrev.toArray(), ssimFirst.toArray(), subjectPrev.toArray(), subjectFirst.toArray(),
        backgroundPrev.toArray(), backgroundFirst.toArray(), lumaMean.toArray(),
        interpolationError.toArray(), directionHistogram.clone(), List.copyOf(spatialSamples));
  }

  @Override
  public void close() {
    for (int k = 0; k < 3; k++) {
      closeQuietly(gray8[k]);
      closeQuietly(grayF[k]);
    }
    for (Mat m : new Mat[] {firstF, prod, blurred, flow, flow2, mapA, mapB, warpA, warpB, tiny, thumb, noMap}) {
      closeQuietly(m);
    }
  }

  private static void closeQuietly(Mat m) {
    if (m != null) {
      m.close();
    }
  }
}
