package dev.lvsa.vqeval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native libraries that {@code bin/vqeval} records are put in load order in a fresh JVM, and a later run loads
 * exactly those files with JavaCPP's loader off ({@link NativePreload#LOAD_PROPERTY}); a list that no longer loads
 * falls back to JavaCPP. Each JVM here is a child process: the test JVM has loaded the libraries already, and a JVM
 * that has loads them in any order.
 */
class NativeLoadOrderTest {

    @TempDir
    static Path dir;

    private static Path recorded;
    private static Path video;

    @BeforeAll
    static void recordAndOrder() throws Exception {
        recorded = dir.resolve("vqeval.natives");
        System.setProperty(NativePreload.RECORD_PROPERTY, recorded.toString());
        try {
            NativePreload.recordLoadedLibraries();
        } finally {
            System.clearProperty(NativePreload.RECORD_PROPERTY);
        }
        video = TestVideos.write(dir.resolve("clip.mp4"), 160, 96, 48, 16, TestVideos.clean());
    }

    @Test
    void aFreshJvmOrdersTheRecordedLibrariesUnderTheHeader() throws Exception {
        Path list = Files.copy(recorded, dir.resolve("ordered.natives"));
        List<String> before = Files.readAllLines(list);
        assertThat(java(List.of("-Dorg.bytedeco.javacpp.loadLibraries=false"), NativeLoadOrder.class, list.toString()))
                .isZero();
        List<String> after = Files.readAllLines(list);
        assertThat(after.get(0)).isEqualTo(NativeLoadOrder.HEADER);
        assertThat(new HashSet<>(after.subList(1, after.size()))).isEqualTo(new HashSet<>(before));
        assertThat(NativeLoadOrder.isJavaCppCore(after.get(1))).isTrue();
        assertThat(NativeLoadOrder.read(list.toString())).hasSize(before.size());
    }

    @Test
    void aListThatIsNotOrderedOrNamesAMissingFileIsNotUsed() throws Exception {
        assertThat(NativeLoadOrder.read(null)).isNull();
        assertThat(NativeLoadOrder.read(recorded.toString())).isNull(); // no header: not ordered
        Path gone = dir.resolve("gone.natives");
        Files.write(
                gone,
                List.of(NativeLoadOrder.HEADER, dir.resolve("libnothing.so").toString()));
        assertThat(NativeLoadOrder.read(gone.toString())).isNull();
    }

    @Test
    void anEvaluationRunsOnTheListedLibrariesAloneAndFallsBackWhenOneFails() throws Exception {
        Path list = Files.copy(recorded, dir.resolve("run.natives"));
        java(List.of("-Dorg.bytedeco.javacpp.loadLibraries=false"), NativeLoadOrder.class, list.toString());
        assertThat(evaluate(list, "lean.json")).isZero();
        // JavaCPP's loader stayed off: it logs every library it loads
        assertThat(Files.readString(dir.resolve("lean.json.log"))).doesNotContain("Loading library");
        // a listed file that is no library: JavaCPP's loader is switched back on and loads the rest its own way
        List<String> broken = new ArrayList<>(Files.readAllLines(list));
        Path notALibrary = Files.writeString(dir.resolve("libbroken.so"), "not a library");
        broken.add(2, notALibrary.toString());
        Path brokenList = Files.write(dir.resolve("broken.natives"), broken);
        assertThat(evaluate(brokenList, "fallback.json")).isZero();
        assertThat(Files.readString(dir.resolve("fallback.json.log"))).contains("Loading library");
        assertThat(scores("fallback.json")).isEqualTo(scores("lean.json"));
    }

    /** The report's dimensions without their timings: what the two runs must agree on. */
    private static String scores(String json) throws Exception {
        com.fasterxml.jackson.databind.JsonNode dims = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve(json).toFile())
                .get("dimensions");
        dims.findParents("timing_ms")
                .forEach(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove("timing_ms"));
        return dims.toString();
    }

    private static int evaluate(Path list, String json) throws Exception {
        return java(
                List.of("-D" + NativePreload.LOAD_PROPERTY + "=" + list, "-Dorg.bytedeco.javacpp.logger.debug=true"),
                dir.resolve(json + ".log"),
                dev.lvsa.vqeval.cli.VqevalCli.class,
                "evaluate",
                video.toString(),
                "--json",
                dir.resolve(json).toString());
    }

    private static int java(List<String> opts, Class<?> main, String... args) throws Exception {
        return java(opts, dir.resolve(main.getSimpleName() + ".log"), main, args);
    }

    private static int java(List<String> opts, Path log, Class<?> main, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(opts);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
