package dev.lvsa.baselines.cli;

import dev.lvsa.baselines.BadInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The toolkit's exit codes and the one place where exceptions are mapped to them. A user's mistake (a picocli
 * parameter error or a {@link BadInputException}) prints one line naming the input and the cause, no stack trace
 * unless {@code --verbose}; anything else is a failure (exit 1), also one line.
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The command ran and something failed (e.g. a check did not pass). */
    public static final int FAILURE = 1;
    /** Bad usage or bad input. */
    public static final int USAGE = 2;
    /** A batch finished with some items failed. */
    public static final int PARTIAL = 3;

    private ExitCodes() {
    }

    /** Installs the mapping on a command line (and its subcommands); returns it. */
    public static CommandLine configure(CommandLine cl) {
        footers(cl);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            String hint = ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                    ? " (did you mean " + u.getSuggestions().get(0) + "?)" : "";
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + oneLine(ex.getMessage()) + hint
                    + " (see --help)");
            if (verbose(c.getParseResult())) {
                ex.printStackTrace(c.getErr());
            }
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            PrintWriter err = c.getErr();
            boolean bad = ex instanceof BadInputException;
            String msg = bad ? ex.getMessage() : ex.getClass().getSimpleName() + ": " + ex.getMessage();
            err.println(c.getCommandSpec().qualifiedName() + ": " + (bad ? "" : "error: ") + oneLine(msg));
            if (verbose(parseResult)) {
                ex.printStackTrace(err);
            } else if (!bad) {
                err.println("(run with --verbose for the stack trace)");
            }
            err.flush();
            return bad ? USAGE : FAILURE;
        });
        return cl;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static boolean verbose(ParseResult pr) {
        for (ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** Every command's --help ends with the exit codes (unless it states its own). */
    private static void footers(CommandLine cl) {
        if (cl.getCommandSpec().usageMessage().footer().length == 0) {
            cl.getCommandSpec().usageMessage().footer("", "Exit codes: 0 ok, 1 failure (a check failed, a job failed),"
                    + " 2 bad input or usage, 3 a batch where some items failed.");
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            footers(sub);
        }
    }
}
