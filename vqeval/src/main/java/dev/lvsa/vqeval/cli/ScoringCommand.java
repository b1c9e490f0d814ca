package dev.lvsa.vqeval.cli;

import dev.lvsa.common.BadInputException;
import dev.lvsa.vqeval.batch.BatchRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command that scores videos has: its picocli spec, the {@code -v} flag and the
 * {@link ScoringOptions}. picocli reads these annotated fields from the superclass of each command.
 */
abstract class ScoringCommand implements Callable<Integer> {

    /** How progress shows on stderr. */
    enum ProgressMode {
        auto,
        bar,
        lines,
        none
    }

    /** A batch's progress on stderr (auto: a bar on a terminal, lines otherwise); null for none. */
    BatchRunner.Listener listenerFor(ProgressMode progress, PrintWriter err) {
        ProgressMode mode = progress == ProgressMode.auto
                ? (System.console() != null ? ProgressMode.bar : ProgressMode.lines)
                : progress;
        return mode == ProgressMode.none ? null : progressTo(err, mode == ProgressMode.bar);
    }

    @Spec
    CommandSpec spec;

    /** Read by {@link dev.lvsa.common.CliErrors}, which prints a failure's stack trace with it. */
    @Option(
            names = {"-v", "--verbose"},
            description = "Show stack traces of unexpected errors.")
    boolean verbose;

    @Mixin
    ScoringOptions scoring;

    /** {@code jobs} when given, else 2 videos at once (1 on a single core). */
    static int jobsOrDefault(Integer jobs) {
        return jobs == null ? Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())) : jobs;
    }

    /**
     * Makes sure {@code dir} (given as {@code option}) is a folder this process can write, creating it when
     * missing, before any video is scored: a file in its place, a read-only folder or a file as a parent is
     * one line and exit 2, not an exception after the work is done.
     */
    static void requireWritableFolder(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(option + " " + dir + ": exists and is not a folder");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".vqeval-write-check", ".tmp");
            Files.delete(probe);
        } catch (java.io.IOException | SecurityException e) {
            throw new BadInputException(option + " " + dir + ": cannot write there (" + why(e) + ")");
        }
    }

    /** Makes sure {@code file} (given as {@code option}) can be written, before any work. */
    static void requireWritableFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(option + " " + file + ": is a folder, not a file");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new BadInputException(option + " " + file + ": " + parent + " is a file, not a folder");
        }
        if (parent != null) {
            try {
                Files.createDirectories(parent);
                Path probe = Files.createTempFile(parent, ".vqeval-write-check", ".tmp");
                Files.delete(probe);
            } catch (java.io.IOException | SecurityException e) {
                throw new BadInputException(option + " " + file + ": cannot write in " + parent + " (" + why(e) + ")");
            }
        }
    }

    private static String why(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getClass().getSimpleName();
    }

    /** Refuses a {@code dir} that does not exist or is not a folder, naming it. */
    static void requireFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": " + (Files.exists(dir) ? "not a folder" : "no such folder"));
        }
    }

    /** Batch progress on the command's error writer (where tests and callers capture it). */
    static BatchRunner.Listener progressTo(PrintWriter err, boolean bar) {
        return ProgressDisplay.batch(err, bar);
    }
}
