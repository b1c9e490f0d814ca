package dev.lvsa.runner.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one documented shell command into its words the way a POSIX shell would for the simple commands the docs
 * show: single and double quotes, backslash escapes; the command ends at the first unquoted comment ({@code #} after
 * a space), pipe, redirection, {@code &&}, {@code ||} or {@code ;}. Synopsis notation is read as the fullest
 * command it allows: {@code [--out OUT]} as {@code --out OUT}, {@code 10%|2} (no spaces around the bar) as its first
 * alternative.
 */
final class ShellWords {

    private ShellWords() {}

    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < command.length()) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if ((c == '[' && !inWord) || c == ']') {
                // synopsis brackets: the optional part is kept
            } else if (c == '|' && inWord) {
                while (i + 1 < command.length()
                        && !Character.isWhitespace(command.charAt(i + 1))
                        && command.charAt(i + 1) != ']') {
                    i++; // the other alternatives of a synopsis word such as 10%|2
                }
            } else if ((c == '#' && !inWord) || c == '|' || c == '>' || c == '<' || c == ';' || c == '&') {
                break;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
