package dev.lvsa.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.runner.support.Cli;
import org.junit.jupiter.api.Test;

/** The top command registers its subcommands, answers --version and maps errors to exit codes. */
class RunnerCliTest {
    @Test
    void version_names_the_toolkit() {
        Cli.Result r = Cli.run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .matches("lvsa-runner \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(lvsa-toolkit, attention plan schema v1\\)\\s*");
    }

    @Test
    void pattern_is_a_registered_subcommand() {
        assertThat(RunnerCli.newCommandLine().getSubcommands()).containsKey("pattern");
        Cli.Result r = Cli.run("pattern", "analyze", "--model", "tiny-wan", "--frames", "65", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"latent_frames\": 17");
    }

    @Test
    void run_status_export_and_collect_are_registered_with_help_and_version() {
        for (String sub : new String[] {"run", "status", "export", "collect"}) {
            assertThat(RunnerCli.newCommandLine().getSubcommands()).containsKey(sub);
            Cli.Result help = Cli.run(sub, "--help");
            assertThat(help.code()).isZero();
            assertThat(help.out()).contains("Usage: lvsa-runner " + sub);
            assertThat(Cli.run(sub, "--version").out()).startsWith("lvsa-runner ");
        }
    }

    @Test
    void status_and_export_of_a_folder_that_is_not_a_run_exit_2(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path d) {
        for (String[] args : new String[][] {
            {"status", d.toString()},
            {"export", d.toString(), "--csv", d.resolve("x.csv").toString()},
            {"collect", d.toString()}
        }) {
            Cli.Result r = Cli.run(args);
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).contains("not a run folder");
        }
    }

    @Test
    void no_subcommand_and_bad_input_exit_2_with_one_line() {
        assertThat(Cli.run().code()).isEqualTo(2);
        Cli.Result r = Cli.run("pattern", "analyze", "--model", "no-such-model", "--frames", "81");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("no-such-model");
    }
}
