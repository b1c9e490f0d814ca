package dev.lvsa.runner.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes experiment files for tests. */
public final class Experiments {
    private Experiments() {}

    public static Path write(Path dir, String name, String yaml) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    /** A YAML double-quoted scalar holding {@code text} exactly. */
    public static String quoted(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
