package dev.lvsa.baselines.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code pattern} command line in-process and captures its streams and exit code. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        CommandLine cl = PatternCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
