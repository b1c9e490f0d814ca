package dev.lvsa.runner.support;

import dev.lvsa.runner.cli.RunnerCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code lvsa-runner} in this JVM and captures its output. */
public final class Cli {
    /** Exit code, stdout, stderr. */
    public record Result(int code, String out, String err) {}

    private Cli() {}

    public static Result run(String... args) {
        CommandLine cl = RunnerCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
