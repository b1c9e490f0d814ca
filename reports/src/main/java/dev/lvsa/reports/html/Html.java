package dev.lvsa.reports.html;

/**
 * The one escaping helper: every piece of text that reaches a report's HTML (prompts, paths, model names,
 * messages, headings) goes through {@link #escape(String)}, in element content and in attribute values.
 */
public final class Html {

    private Html() {}

    /**
     * Escapes {@code & < > " '} as character references and replaces control characters (which HTML does
     * not allow) by U+FFFD; null becomes the empty string.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
