package dev.lvsa.vqeval;

import org.bytedeco.javacpp.Loader;

/**
 * Loads the FFmpeg and OpenCV native presets on two background threads while the caller parses its
 * options. Binding them takes several hundred milliseconds of class loading, a large share of scoring
 * one short video from the command line; loading them side by side hides much of it. The decoder calls
 * {@link #awaitFfmpeg()} before it opens a video and {@link #awaitOpenCv()} before its first image
 * operation, so that no native class is initialised by two threads at once, while opening and decoding
 * the first frames can still overlap with OpenCV's loading.
 */
public final class NativePreload {

  private static Thread ffmpeg;
  private static Thread opencv;

  private NativePreload() {
  }

  /** Starts the background loads once per JVM; returns at once. */
  public static synchronized void start() {
    if (ffmpeg != null) {
      return;
    }
    opencv = background("vqeval-preload-opencv", org.bytedeco.opencv.global.opencv_imgproc.class,
        org.bytedeco.opencv.global.opencv_video.class);
    ffmpeg = background("vqeval-preload-ffmpeg", org.bytedeco.ffmpeg.global.avformat.class,
        org.bytedeco.ffmpeg.global.swscale.class);
  }

  /** Waits for FFmpeg's background load, if one was started. */
  public static void awaitFfmpeg() {
    join(thread(true));
  }

  /** Waits for OpenCV's background load, if one was started. */
  public static void awaitOpenCv() {
    join(thread(false));
  }

  private static synchronized Thread thread(boolean ff) {
    return ff ? ffmpeg : opencv;
  }

  private static void join(Thread t) {
    if (t == null) {
      return;
    }
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread background(String name, Class<?>... presets) {
    Thread t = new Thread(() -> {
      try {
        for (Class<?> c : presets) {
          Loader.load(c);
        }
      } catch (Throwable ignored) {
        // the real use reports any problem where it happens
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
