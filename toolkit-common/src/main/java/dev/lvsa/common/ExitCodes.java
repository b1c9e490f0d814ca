package dev.lvsa.common;

/**
 * The toolkit's exit codes, the same for every command (README.md and docs/*.md document them). {@link CliErrors}
 * maps exceptions to them.
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The command ran and something failed: a check did not pass, a job failed, an unexpected error. */
    public static final int FAILURE = 1;
    /** Bad usage or bad input: one line on stderr naming the input and the cause. */
    public static final int USAGE = 2;
    /** A batch finished with some items failed (the others are done). */
    public static final int PARTIAL = 3;

    /** The closing lines of a command's {@code --help} when the command states no exit codes of its own. */
    static final String[] FOOTER = {
        "",
        "Exit codes: 0 ok, 1 failure (a check failed, a job failed),"
                + " 2 bad input or usage, 3 a batch where some items failed."
    };

    private ExitCodes() {}
}
