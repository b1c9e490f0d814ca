package dev.lvsa.vqeval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Puts the native-library list that {@code bin/vqeval} records (see {@link NativePreload#RECORD_PROPERTY}) in an order
 * in which {@link System#load} can load it with JavaCPP's loader off: each library after the ones it needs. Those are
 * found by trying: a library whose dependency is not loaded yet fails with "cannot open shared object file" and is
 * tried again in the next pass (the bundled libraries find their direct dependencies beside them, not the indirect
 * ones). Run once per build by the launcher, in a JVM of its own, since a JVM that has loaded the libraries once
 * loads them in any order.
 */
public final class NativeLoadOrder {

    /** First line of an ordered list: what {@link NativePreload#LOAD_PROPERTY} accepts. */
    public static final String HEADER = "# vqeval native libraries in load order";

    private NativeLoadOrder() {}

    /**
     * {@code java -Dorg.bytedeco.javacpp.loadLibraries=false ... NativeLoadOrder LIST}: rewrites LIST (one library path
     * a line) in load order under {@link #HEADER}. Exits 1, leaving LIST unchanged, when some library cannot be loaded.
     */
    public static void main(String[] args) throws IOException {
        Path list = Path.of(args[0]);
        List<String> left = new ArrayList<>();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                left.add(line);
            }
        }
        List<String> order = new ArrayList<>();
        // JavaCPP's own bindings first: every preset's bindings call into them as they load
        left.stream().filter(NativeLoadOrder::isJavaCppCore).forEach(order::add);
        left.removeAll(order);
        order.forEach(System::load);
        boolean progress = true;
        while (!left.isEmpty() && progress) {
            progress = false;
            for (Iterator<String> it = left.iterator(); it.hasNext(); ) {
                String f = it.next();
                try {
                    System.load(f);
                } catch (UnsatisfiedLinkError notYet) {
                    continue;
                }
                order.add(f);
                it.remove();
                progress = true;
            }
        }
        if (!left.isEmpty()) {
            System.err.println("vqeval: these native libraries do not load on their own: " + left);
            System.exit(1);
        }
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.addAll(order);
        Path tmp = list.resolveSibling(list.getFileName() + ".ordering");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, list, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The ordered list at {@code path}, or null when there is none (not set, unreadable, not ordered, a file gone). */
    static List<String> read(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(path), StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                return null;
            }
            List<String> files = lines.subList(1, lines.size());
            for (String f : files) {
                if (!Files.isRegularFile(Path.of(f))) {
                    return null;
                }
            }
            return files;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static boolean isJavaCppCore(String file) {
        return Path.of(file).getFileName().toString().startsWith("libjnijavacpp.");
    }
}
