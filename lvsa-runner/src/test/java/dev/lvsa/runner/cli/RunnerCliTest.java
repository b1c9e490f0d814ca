package dev.lvsa.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The top command registers {@code pattern}, answers --version and maps errors to exit codes. */
class RunnerCliTest {
    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        CommandLine cl = RunnerCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void version_names_the_toolkit() {
        Result r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("lvsa-toolkit ");
    }

    @Test
    void pattern_is_a_registered_subcommand() {
        assertThat(RunnerCli.newCommandLine().getSubcommands()).containsKey("pattern");
        Result r = run("pattern", "analyze", "--model", "tiny-wan", "--frames", "65", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"latent_frames\": 17");
    }

    @Test
    void no_subcommand_and_bad_input_exit_2_with_one_line() {
        assertThat(run().code()).isEqualTo(2);
        Result r = run("pattern", "analyze", "--model", "no-such-model", "--frames", "81");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("no-such-model");
    }
}
