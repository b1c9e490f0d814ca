package dev.lvsa.vqeval;

import java.util.List;
import org.bytedeco.javacpp.Loader;

/**
 * Loads the OpenCV and FFmpeg native presets on two background threads while the caller parses its
 * options. Binding them takes several hundred milliseconds of class loading, a large share of scoring
 * one short video from the command line; loading them side by side hides much of it. Scoring calls
 * {@link #awaitReady()} first, so native classes are never initialised by two threads at once.
 */
public final class NativePreload {

  private static boolean started;
  private static final List<Thread> THREADS = new java.util.ArrayList<>();

  private NativePreload() {
  }

  /** Starts the background load once per JVM; returns at once. */
  public static synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    background("vqeval-preload-opencv", org.bytedeco.opencv.global.opencv_imgproc.class,
        org.bytedeco.opencv.global.opencv_video.class);
    background("vqeval-preload-ffmpeg", org.bytedeco.ffmpeg.global.avformat.class,
        org.bytedeco.ffmpeg.global.swscale.class);
  }

  private static void background(String name, Class<?>... presets) {
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
    THREADS.add(t);
    t.start();
  }

  /** Waits for a background load started by {@link #start()} (returns at once if none was started). */
  public static void awaitReady() {
    List<Thread> threads;
    synchronized (NativePreload.class) {
      threads = List.copyOf(THREADS);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
