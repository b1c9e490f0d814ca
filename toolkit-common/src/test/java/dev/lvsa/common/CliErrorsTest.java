package dev.lvsa.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** One line and exit 2 for the user's mistakes, one line and exit 1 for anything else, traces only with -v. */
class CliErrorsTest {

    /** A checked exception a CLI declares to be the user's mistake. */
    static final class NotAVideo extends Exception {
        NotAVideo(String message) {
            super(message);
        }
    }

    @Command(
            name = "tool",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            subcommands = {Throw.class, Quiet.class})
    static final class Tool implements Callable<Integer>, VersionProvider.Details {
        @Option(
                names = {"-v", "--verbose"},
                scope = ScopeType.INHERIT,
                description = "show stack traces")
        boolean verbose;

        @Override
        public Integer call() {
            return ExitCodes.OK;
        }

        @Override
        public String versionDetails() {
            return "a test tool";
        }
    }

    @Command(name = "throw", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
    static final class Throw implements Callable<Integer> {
        @Option(names = "--what", required = true)
        String what;

        @Override
        public Integer call() throws Exception {
            switch (what) {
                case "bad" -> throw new BadInputException("x.json: no such file\n(really)", new RuntimeException("c"));
                case "video" -> throw new NotAVideo("clip.mp4: not a video");
                case "iae" -> throw new IllegalArgumentException("index -1 out of range");
                case "null" -> throw new NullPointerException();
                default -> {
                    return ExitCodes.PARTIAL;
                }
            }
        }
    }

    /** A command without -v of its own under a top command without one either. */
    @Command(name = "quiet")
    static final class Quiet implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("broken");
        }
    }

    @Command(name = "bare", subcommands = Quiet.class)
    static final class Bare implements Callable<Integer> {
        @Override
        public Integer call() {
            return 0;
        }
    }

    record Run(int code, String out, String err) {}

    static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run tool(CliErrors.Prefix prefix, String... args) {
        return run(
                CliErrors.install(
                        new CommandLine(new Tool()), prefix, e -> e instanceof NotAVideo ? e.getMessage() : null),
                args);
    }

    @Test
    void badInputIsItsOneLineAndExitTwo() {
        Run r = tool(CliErrors.Prefix.COMMAND, "throw", "--what", "bad");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("tool throw: x.json: no such file (really)\n");
        assertThat(tool(CliErrors.Prefix.PROGRAM, "throw", "--what", "bad").err())
                .isEqualTo("tool: x.json: no such file (really)\n");
        Run video = tool(CliErrors.Prefix.PROGRAM, "throw", "--what", "video");
        assertThat(video.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(video.err()).isEqualTo("tool: clip.mp4: not a video\n");
    }

    @Test
    void anythingElseIsAFailureNamedInOneLine() {
        Run r = tool(CliErrors.Prefix.COMMAND, "throw", "--what", "iae");
        assertThat(r.code())
                .as("an IllegalArgumentException is a bug, not bad input")
                .isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err())
                .isEqualTo(
                        "tool throw: error: IllegalArgumentException: index -1 out of range (run with -v for the stack trace)\n");
        assertThat(tool(CliErrors.Prefix.COMMAND, "throw", "--what", "null").err())
                .isEqualTo("tool throw: error: NullPointerException (run with -v for the stack trace)\n");
        assertThat(tool(CliErrors.Prefix.COMMAND, "throw", "--what", "other").code())
                .isEqualTo(ExitCodes.PARTIAL);
    }

    @Test
    void theStackTraceOnlyWithVerbose() {
        Run bad = tool(CliErrors.Prefix.COMMAND, "throw", "--what", "bad", "-v");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err())
                .startsWith("tool throw: x.json: no such file (really)\n")
                .contains("\tat ");
        Run top = tool(CliErrors.Prefix.COMMAND, "-v", "throw", "--what", "iae");
        assertThat(top.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(top.err())
                .startsWith("tool throw: error: IllegalArgumentException: index -1 out of range\n")
                .contains("\tat ");
    }

    @Test
    void noHintWhereTheCommandHasNoVerboseOption() {
        Run r = run(CliErrors.install(new CommandLine(new Bare())), "quiet");
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).isEqualTo("bare quiet: error: IllegalStateException: broken\n");
    }

    @Test
    void usageErrorsAreOneLineWithASuggestion() {
        Run typo = tool(CliErrors.Prefix.PROGRAM, "thorw");
        assertThat(typo.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err().lines()).hasSize(1);
        assertThat(typo.err())
                .startsWith("tool: ")
                .contains("(did you mean throw?)")
                .endsWith("(see tool --help)\n");
        Run missing = tool(CliErrors.Prefix.PROGRAM, "throw");
        assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err())
                .isEqualTo("tool throw: Missing required option: '--what=<what>' (see tool throw --help)\n");
    }

    @Test
    void helpEndsWithTheExitCodesAndVersionNamesTheProgram() {
        Run help = tool(CliErrors.Prefix.COMMAND, "throw", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Exit codes: 0 ok, 1 failure");
        Run version = tool(CliErrors.Prefix.COMMAND, "throw", "--version");
        assertThat(version.out()).isEqualTo("tool " + ToolkitVersion.version() + " (a test tool)\n");
        assertThat(ToolkitVersion.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void aCommandThatCatchesItsOwnErrorsPrintsThemTheSameWay() {
        CommandLine cl = new CommandLine(new Tool());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(CliErrors.report(new BadInputException("in.csv: no such file"), cl, false))
                .isEqualTo(2);
        assertThat(err).hasToString("tool: in.csv: no such file\n");
    }

    @Test
    void oneLineJoinsLines() {
        assertThat(CliErrors.oneLine(" a \n  b\r\nc ")).isEqualTo("a b c");
        assertThat(CliErrors.oneLine(null)).isEmpty();
    }
}
