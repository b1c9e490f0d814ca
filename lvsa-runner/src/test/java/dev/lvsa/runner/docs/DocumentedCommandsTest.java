package dev.lvsa.runner.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lvsa.datasets.cli.DatasetsCli;
import dev.lvsa.runner.cli.RunnerCli;
import dev.lvsa.vqeval.cli.VqevalCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every {@code bin/lvsa-runner}, {@code bin/vqeval} and {@code bin/lvsa-datasets} command shown in a code block of
 * README.md or docs/*.md is parsed by the real command line of that program (picocli's {@code parseArgs}: the
 * subcommand, every option name, arity, required options and value types), without running it. A command the
 * docs show must be one the program accepts; when an option is renamed, this test names the doc line that drifted.
 */
class DocumentedCommandsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** A documented command: where it is and its words after the program. */
    record Shown(String where, String program, List<String> args) {}

    @TestFactory
    Stream<DynamicTest> every_documented_command_parses() throws IOException {
        return documented().stream()
                .map(c -> DynamicTest.dynamicTest(
                        c.where() + ": " + c.program() + " " + String.join(" ", c.args()), () -> parse(c)));
    }

    @Test
    void the_docs_show_commands_of_every_program() throws IOException {
        List<Shown> all = documented();
        for (String program : List.of("bin/lvsa-runner", "bin/vqeval", "bin/lvsa-datasets")) {
            assertFalse(
                    all.stream().noneMatch(c -> c.program().equals(program)), "no documented command of " + program);
        }
    }

    @Test
    void a_command_that_drifted_from_its_program_is_caught() {
        for (String drifted : List.of(
                "bin/vqeval evaluate clip.mp4 --no-such-option",
                "bin/lvsa-runner rn EXP",
                "bin/vqeval bench clip.mp4 --runs many",
                "bin/lvsa-datasets synth --seed")) {
            List<String> words = ShellWords.split(drifted);
            Shown c = new Shown("test", words.get(0), words.subList(1, words.size()));
            org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> parse(c), drifted);
        }
    }

    private static void parse(Shown c) {
        Supplier<CommandLine> cli = switch (c.program()) {
            case "bin/lvsa-runner" -> RunnerCli::newCommandLine;
            case "bin/vqeval" -> VqevalCli::commandLine;
            case "bin/lvsa-datasets" -> () -> new CommandLine(new DatasetsCli());
            default -> throw new IllegalArgumentException(c.program());
        };
        try {
            cli.get().parseArgs(c.args().toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            fail(c.where() + ": the documented command does not parse: " + e.getMessage());
        }
    }

    /** The commands in README.md and docs/*.md code blocks, continuation lines joined, shell syntax cut off. */
    static List<Shown> documented() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Shown> out = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            boolean inCode = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.strip().startsWith("```")) {
                    inCode = !inCode;
                    continue;
                }
                if (!inCode) {
                    continue;
                }
                String text = line.strip();
                if (text.startsWith("$ ")) {
                    text = text.substring(2);
                }
                if (!text.startsWith("bin/lvsa-runner ")
                        && !text.startsWith("bin/vqeval ")
                        && !text.startsWith("bin/lvsa-datasets ")) {
                    continue;
                }
                int first = i;
                while (text.endsWith("\\") && i + 1 < lines.size()) {
                    text = text.substring(0, text.length() - 1) + " "
                            + lines.get(++i).strip();
                }
                List<String> words = ShellWords.split(text);
                String where = ROOT.relativize(file) + ":" + (first + 1);
                out.add(new Shown(where, words.get(0), words.subList(1, words.size())));
            }
        }
        return out;
    }
}
