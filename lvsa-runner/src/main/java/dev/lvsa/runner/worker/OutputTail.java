package dev.lvsa.runner.worker;

/** The last {@code capacity} characters of a process's output, for messages when something goes wrong. */
final class OutputTail {
    private final int capacity;
    private final StringBuilder buf = new StringBuilder();

    OutputTail(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String line) {
        buf.append(line).append('\n');
        if (buf.length() > capacity) {
            buf.delete(0, buf.length() - capacity);
        }
    }

    /** The tail, as one line (newlines shown as " | "), or "(no output)". */
    synchronized String oneLine() {
        String s = buf.toString().strip();
        return s.isEmpty() ? "(no output)" : s.replaceAll("\\s*\\R\\s*", " | ");
    }
}
