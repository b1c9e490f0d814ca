package dev.lvsa.baselines.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A pretty printer for plans and reports that stays small and diffs well: objects are indented one field per line;
 * arrays are written inline ({@code [0,3]}, {@code [[0,3],[7,9]]}), except an array directly under an object field
 * whose elements are themselves arrays or objects, which puts one element per line (so a mask's {@code rows} give
 * one line per query frame).
 */
public final class CompactPrettyPrinter implements PrettyPrinter, Instantiatable<CompactPrettyPrinter> {
    private static final String INDENT = "  ";

    /** A container being written. */
    private static final class Frame {
        final boolean array;
        final int arrayDepth; // arrays since the nearest enclosing object, this one included (0 for objects)
        boolean brokenLines; // array: elements placed on their own lines

        Frame(boolean array, int arrayDepth) {
            this.array = array;
            this.arrayDepth = arrayDepth;
        }
    }

    private final Deque<Frame> stack = new ArrayDeque<>();

    @Override
    public CompactPrettyPrinter createInstance() {
        return new CompactPrettyPrinter();
    }

    private int blockLevel() {
        int n = 0;
        for (Frame f : stack) {
            if (!f.array || f.brokenLines) {
                n++;
            }
        }
        return n;
    }

    private void newline(JsonGenerator g, int level) throws IOException {
        g.writeRaw('\n');
        for (int i = 0; i < level; i++) {
            g.writeRaw(INDENT);
        }
    }

    /** Called when a container starts: if it is an element of a line-broken array, put it on its own line. */
    private void beforeContainer(JsonGenerator g) throws IOException {
        Frame parent = stack.peek();
        if (parent != null && parent.array && parent.arrayDepth == 1) {
            parent.brokenLines = true;
            newline(g, blockLevel());
        }
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        beforeContainer(g);
        g.writeRaw('{');
        stack.push(new Frame(false, 0));
    }

    @Override
    public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
        stack.pop();
        if (nrOfEntries > 0) {
            newline(g, blockLevel());
        }
        g.writeRaw('}');
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        newline(g, blockLevel());
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        newline(g, blockLevel());
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        beforeContainer(g);
        Frame parent = stack.peek();
        int depth = parent != null && parent.array ? parent.arrayDepth + 1 : 1;
        g.writeRaw('[');
        stack.push(new Frame(true, depth));
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
        Frame f = stack.pop();
        if (f.brokenLines) {
            newline(g, blockLevel());
        }
        g.writeRaw(']');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) {
        // elements are placed by beforeContainer; scalars stay inline
    }
}
