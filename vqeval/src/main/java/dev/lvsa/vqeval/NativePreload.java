package dev.lvsa.vqeval;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
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

    /**
     * System property naming a file that receives, when the command succeeds, the native library files
     * this JVM loaded, one per line, after every preset VQeval uses has been loaded. {@code bin/vqeval}
     * asks for it on the run that writes its class-data-sharing archive and, while every listed file
     * still exists, starts later runs with {@code -Dorg.bytedeco.javacpp.findLibraries=false} and those
     * folders as {@code java.library.path}: JavaCPP then loads the libraries straight from its cache
     * instead of searching every jar for each of them, including two dozen CUDA libraries OpenCV's
     * preset tries first (about 0.3 s of a short clip's 1.8 s, measured in docs/vqeval-history.md).
     */
    public static final String RECORD_PROPERTY = "vqeval.native.record";

    private static Thread ffmpeg;
    private static Thread opencv;

    private NativePreload() {}

    /**
     * System property naming a list written by {@link #RECORD_PROPERTY}'s run and put in load order by
     * {@link NativeLoadOrder} (its first line is {@link NativeLoadOrder#HEADER}). When it is set, JavaCPP's own loader is
     * switched off and the two background threads load exactly those files: FFmpeg's, and OpenCV's with OpenBLAS.
     * JavaCPP otherwise reads every preset's annotations, tries each library under several names and loads every
     * inherited preset's bindings (OpenCV's video module brings 14 OpenCV and 3 OpenBLAS libraries); the listed files
     * take less than half its CPU time. A file that fails to load switches JavaCPP back on, which then loads the rest
     * its own way.
     */
    public static final String LOAD_PROPERTY = "vqeval.native.load";

    private static final String JAVACPP_LOADS = "org.bytedeco.javacpp.loadLibraries";

    /** Counts the two threads' listed loads down, failed or not. */
    private static final CountDownLatch listedDone = new CountDownLatch(2);

    /** Starts the background loads once per JVM; returns at once. */
    public static synchronized void start() {
        if (ffmpeg != null) {
            return;
        }
        List<String> files = NativeLoadOrder.read(System.getProperty(LOAD_PROPERTY));
        List<String> ffmpegFiles = null;
        List<String> otherFiles = null;
        if (files != null) {
            System.setProperty(JAVACPP_LOADS, "false");
            ffmpegFiles = new ArrayList<>();
            otherFiles = new ArrayList<>();
            for (String f : files) {
                if (NativeLoadOrder.isJavaCppCore(f)) {
                    loadFiles(List.of(f)); // both groups' bindings need JavaCPP's own first
                } else {
                    (f.contains("/ffmpeg-") ? ffmpegFiles : otherFiles).add(f);
                }
            }
        }
        opencv = background(
                "vqeval-preload-opencv",
                otherFiles,
                org.bytedeco.opencv.global.opencv_imgproc.class,
                org.bytedeco.opencv.global.opencv_video.class);
        ffmpeg = background(
                "vqeval-preload-ffmpeg",
                ffmpegFiles,
                org.bytedeco.ffmpeg.global.avformat.class,
                org.bytedeco.ffmpeg.global.swscale.class);
    }

    /** Loads the files in order; false at the first that fails. */
    private static boolean loadFiles(List<String> files) {
        try {
            for (String f : files) {
                System.load(f);
            }
            return true;
        } catch (UnsatisfiedLinkError | SecurityException e) {
            return false;
        }
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

    /** A daemon thread that loads the listed files (null: none listed) or else the presets through JavaCPP. */
    private static Thread background(String name, List<String> files, Class<?>... presets) {
        Thread t = new Thread(
                () -> {
                    try {
                        if (files == null) {
                            loadPresets(presets);
                        } else if (!listedLoaded(files)) {
                            // JavaCPP back on only once the other thread has loaded its files: switched on while
                            // it still loads, the class initialisers its libraries trigger would run JavaCPP's loader
                            // there too, and the two threads can then wait on each other
                            listedDone.await();
                            System.setProperty(JAVACPP_LOADS, "true");
                            loadPresets(presets);
                        }
                    } catch (Throwable ignored) {
                        // the real use reports any problem where it happens
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Loads the listed files, then counts this thread's listed load down, failed or not. */
    private static boolean listedLoaded(List<String> files) {
        boolean loaded = loadFiles(files);
        listedDone.countDown();
        return loaded;
    }

    private static void loadPresets(Class<?>... presets) {
        for (Class<?> c : presets) {
            Loader.load(c);
        }
    }

    /**
     * Writes the file {@link #RECORD_PROPERTY} names, when it is set: every preset any command uses is
     * loaded first, so that the list serves them all. A preset that cannot load on this machine is left out
     * (FFmpeg's device library needs PulseAudio's {@code libpulse.so.0}, which a bare server may lack; the
     * decoder does without it), so that the others are still loaded straight from their folders; nothing is
     * written when none loads (later runs then keep JavaCPP's own search).
     */
    public static void recordLoadedLibraries() {
        String target = System.getProperty(RECORD_PROPERTY);
        if (target == null || target.isEmpty()) {
            return;
        }
        for (Class<?> c : List.of(
                org.bytedeco.ffmpeg.global.avformat.class,
                org.bytedeco.ffmpeg.global.swscale.class,
                org.bytedeco.ffmpeg.global.avdevice.class,
                org.bytedeco.ffmpeg.global.avfilter.class,
                org.bytedeco.ffmpeg.global.postproc.class,
                org.bytedeco.opencv.global.opencv_imgproc.class,
                org.bytedeco.opencv.global.opencv_video.class,
                org.bytedeco.opencv.global.opencv_quality.class)) {
            try {
                Loader.load(c);
            } catch (RuntimeException | LinkageError e) {
                // not loadable here: not listed
            }
        }
        TreeSet<String> files = new TreeSet<>();
        for (String f : Loader.getLoadedLibraries().values()) {
            if (f != null && new File(f).isFile()) {
                files.add(f);
            }
        }
        if (files.isEmpty()) {
            return;
        }
        try {
            Files.write(Path.of(target), files, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // nothing recorded: the launcher keeps JavaCPP's search
        }
    }
}
