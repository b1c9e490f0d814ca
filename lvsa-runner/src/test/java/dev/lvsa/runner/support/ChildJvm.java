package dev.lvsa.runner.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code lvsa-runner} in a child JVM (its own environment, killable with SIGKILL). */
public final class ChildJvm {
    /** Exit code and everything it printed (stdout and stderr together). */
    public record Result(int code, String output) {}

    private ChildJvm() {}

    /** Starts the runner; output goes to {@code log}. */
    public static Process start(List<String> args, Map<String, String> env, Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx1g",
                "-Djava.awt.headless=true",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.lvsa.runner.cli.RunnerCli"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs the runner to the end (at most 10 minutes). */
    public static Result run(List<String> args, Map<String, String> env, Path log) throws Exception {
        Process p = start(args, env, log);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("runner did not finish: " + args);
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
