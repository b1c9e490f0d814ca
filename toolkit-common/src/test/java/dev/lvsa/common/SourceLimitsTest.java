package dev.lvsa.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The size limits of the codebase (docs/architecture.md): no Java source file over 400 lines and no method over
 * 60, across every module of the repository. Methods are measured by the JDK's own parser, from the first line of
 * the declaration to its closing brace (Javadoc not counted). The worker's Python has the same limits in
 * {@code tests/test_source_limits.py}.
 */
class SourceLimitsTest {

    static final int MAX_FILE_LINES = 400;
    static final int MAX_METHOD_LINES = 60;
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void no_java_file_over_400_lines_and_no_method_over_60() throws IOException {
        List<Path> sources = javaSources();
        assertThat(sources).as("Java sources under " + ROOT).hasSizeGreaterThan(100);
        List<String> files = new ArrayList<>();
        for (Path p : sources) {
            long lines = Files.lines(p).count();
            if (lines > MAX_FILE_LINES) {
                files.add(ROOT.relativize(p) + ": " + lines + " lines");
            }
        }
        assertThat(files).as("files over " + MAX_FILE_LINES + " lines").isEmpty();
        assertThat(longMethods(sources))
                .as("methods over " + MAX_METHOD_LINES + " lines")
                .isEmpty();
    }

    @Test
    void a_long_method_is_found() throws IOException {
        Path tmp = Files.createTempFile("Long", ".java");
        try {
            StringBuilder body = new StringBuilder("class Long {\n  void longOne() {\n");
            for (int i = 0; i < MAX_METHOD_LINES; i++) {
                body.append("    int a").append(i).append(" = ").append(i).append(";\n");
            }
            body.append("  }\n  void shortOne() {\n    String s = \"\"\"\n      {{{\n      \"\"\";\n  }\n}\n");
            Files.writeString(tmp, body);
            assertThat(longMethods(List.of(tmp)))
                    .singleElement()
                    .asString()
                    .contains("longOne")
                    .contains("62 lines");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static List<Path> javaSources() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> ROOT.relativize(p).toString().matches("[^/]+/src/(main|test)/java/.*"))
                    .sorted()
                    .toList();
        }
    }

    /** "file: method (N lines)" for every method longer than the limit. */
    static List<String> longMethods(List<Path> sources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> out = new ArrayList<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(sources);
            JavacTask task = (JavacTask) javac.getTask(null, fm, d -> {}, List.of("-proc:none"), null, units);
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree unit : task.parse()) {
                LineMap lines = unit.getLineMap();
                new TreeScanner<Void, Void>() {
                    @Override
                    public Void visitMethod(MethodTree m, Void v) {
                        long first = lines.getLineNumber(positions.getStartPosition(unit, m));
                        long last = lines.getLineNumber(positions.getEndPosition(unit, m));
                        if (last - first + 1 > MAX_METHOD_LINES) {
                            out.add(ROOT.relativize(Path.of(unit.getSourceFile().toUri())) + ": " + m.getName() + " ("
                                    + (last - first + 1) + " lines)");
                        }
                        return super.visitMethod(m, v);
                    }
                }.scan(unit, null);
            }
        }
        return out;
    }
}
