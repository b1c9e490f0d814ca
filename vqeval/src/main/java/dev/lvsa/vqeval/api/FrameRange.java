package dev.lvsa.vqeval.api;

/** An inclusive range of original frame indices. */
public record FrameRange(int first, int last) {

    public FrameRange {
        if (last < first) {
            throw new IllegalArgumentException("frame range " + first + ".." + last + " is empty");
        }
    }

    public int length() {
        return last - first + 1;
    }
}
