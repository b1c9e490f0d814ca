package dev.lvsa.common;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where a command line's errors become one-line messages and {@link ExitCodes}; every CLI of the
 * toolkit installs it with {@link #install}.
 *
 * <ul>
 *   <li>A usage error picocli finds (unknown option, missing parameter, a value of the wrong type): one line
 *       {@code COMMAND: picocli's message (did you mean X?) (see COMMAND --help)}, exit 2.</li>
 *   <li>A {@link BadInputException}, or an exception the CLI declares to be bad input ({@code badInput} of
 *       {@link #install(CommandLine, Prefix, Function)}): its message, one line, exit 2.</li>
 *   <li>Anything else is a failure, and may be a bug: one line naming it
 *       ({@code PREFIX: error: IllegalStateException: message}), exit 1. That includes
 *       {@link IllegalArgumentException}: a user's mistake must be a {@link BadInputException}, so that a
 *       programming error is never reported as the user's.</li>
 * </ul>
 * The stack trace follows only when the command line holds {@code -v/--verbose} (the option of the command or of a
 * command above it); without it, a failure's line ends with how to get it, where the command has that option.
 */
public final class CliErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** What starts a message of a failed command. */
    public enum Prefix {
        /** The command as run: {@code lvsa-runner pattern plan: ...}. */
        COMMAND,
        /** Only the program's name: {@code vqeval: ...} for every subcommand. */
        PROGRAM
    }

    private static final CliErrors STANDARD = new CliErrors(Prefix.COMMAND, e -> null);

    private final Prefix prefix;
    private final Function<? super Exception, String> badInput;

    private CliErrors(Prefix prefix, Function<? super Exception, String> badInput) {
        this.prefix = prefix;
        this.badInput = badInput;
    }

    /** Installs the mapping on {@code cl} and its subcommands, messages prefixed by the command as run. */
    public static CommandLine install(CommandLine cl) {
        return install(cl, Prefix.COMMAND, e -> null);
    }

    /**
     * Installs the mapping on {@code cl} (the top command, after its subcommands are added) and its subcommands.
     * Subcommands without a {@code --help} footer get the top command's (the exit codes), or
     * {@link ExitCodes#FOOTER} when that has none either.
     *
     * @param badInput for an exception that is not a {@link BadInputException} but that this CLI treats as the
     *     user's mistake (exit 2), the one line to show; {@code null} for every other
     */
    public static CommandLine install(CommandLine cl, Prefix prefix, Function<? super Exception, String> badInput) {
        CliErrors handler = new CliErrors(prefix, badInput == null ? e -> null : badInput);
        if (cl.getCommandSpec().usageMessage().footer().length == 0) {
            cl.getCommandSpec().usageMessage().footer(ExitCodes.FOOTER);
        }
        footers(cl, cl.getCommandSpec().usageMessage().footer());
        cl.setParameterExceptionHandler(handler);
        cl.setExecutionExceptionHandler(handler);
        return cl;
    }

    /**
     * For a command that catches its own exceptions: prints {@code ex} as the installed mapping would (prefixed by
     * the command as run) and returns the exit code.
     */
    public static int report(Exception ex, CommandLine commandLine, boolean verbose) {
        return STANDARD.handle(ex, commandLine, verbose);
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult fullParseResult) {
        return handle(ex, commandLine, verbose(fullParseResult));
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine c = ex.getCommandLine();
        PrintWriter err = c.getErr();
        String name = c.getCommandSpec().qualifiedName();
        err.println(name + ": " + oneLine(ex.getMessage()) + didYouMean(ex) + " (see " + name + " --help)");
        if (verbose(c.getParseResult())) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    private int handle(Exception ex, CommandLine c, boolean verbose) {
        PrintWriter err = c.getErr();
        String name = prefix == Prefix.PROGRAM
                ? c.getCommandSpec().root().name()
                : c.getCommandSpec().qualifiedName();
        String bad = ex instanceof BadInputException ? ex.getMessage() : badInput.apply(ex);
        if (bad != null) {
            err.println(name + ": " + oneLine(bad));
        } else {
            String hint = verbose || c.getCommandSpec().findOption("--verbose") == null
                    ? ""
                    : " (run with -v for the stack trace)";
            err.println(name + ": error: " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage())) + hint);
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return bad != null ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }

    /** {@code s} on one line: line breaks and the blanks around them become one space; {@code null} is "". */
    public static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** " (did you mean X?)" or " (did you mean X or Y?)" for a mistyped subcommand or option; else "". */
    static String didYouMean(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            List<String> s = u.getSuggestions();
            return " (did you mean " + String.join(" or ", s.subList(0, Math.min(2, s.size()))) + "?)";
        }
        return "";
    }

    /** Whether {@code -v/--verbose} was given to the command or to one above it. */
    private static boolean verbose(ParseResult pr) {
        for (ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static void footers(CommandLine cl, String[] footer) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().usageMessage().footer().length == 0) {
                sub.getCommandSpec().usageMessage().footer(footer);
            }
            footers(sub, footer);
        }
    }
}
