package dev.lvsa.runner.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The commands the runner suggests ({@code next: ...}), written so that a POSIX shell reads each word back as it
 * was meant: a word with anything but letters, digits and {@code _@%+=:,./-} is put in single quotes, a single
 * quote inside written {@code '\''}.
 */
public final class ShellWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    /** Set by {@code bin/lvsa-runner}: how the user called it, so a suggestion runs the same launcher. */
    static final String COMMAND_ENV = "LVSA_RUNNER_COMMAND";

    private ShellWords() {}

    /** One word as the shell must be given it. */
    public static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** A command line: every word quoted where needed, joined by spaces. */
    public static String command(Object... words) {
        List<String> out = new ArrayList<>();
        for (Object w : words) {
            out.add(quote(String.valueOf(w)));
        }
        return String.join(" ", out);
    }

    /** A runner command: the launcher the user called ({@value #COMMAND_ENV}, else {@code lvsa-runner}), then args. */
    public static String runner(Object... args) {
        String self = System.getenv(COMMAND_ENV);
        Object[] words = new Object[args.length + 1];
        words[0] = self == null || self.isBlank() ? "lvsa-runner" : self;
        System.arraycopy(args, 0, words, 1, args.length);
        return command(words);
    }
}
