package dev.lvsa.runner.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a documented command line becomes the words a program receives. */
class ShellWordsTest {

    @Test
    void quotes_and_escapes_join_words_as_a_shell_does() {
        assertEquals(
                List.of("bin/vqeval", "evaluate", "my clip.mp4", "--json", "a\"b"),
                ShellWords.split("bin/vqeval evaluate 'my clip.mp4' --json \"a\\\"b\""));
    }

    @Test
    void the_command_ends_at_a_comment_pipe_redirection_or_list_operator() {
        assertEquals(
                List.of("bin/lvsa-runner", "status", "RUN"),
                ShellWords.split("bin/lvsa-runner status RUN   # progress"));
        assertEquals(List.of("bin/vqeval", "batch", "d/"), ShellWords.split("bin/vqeval batch d/ | head"));
        assertEquals(List.of("bin/vqeval", "batch", "d/"), ShellWords.split("bin/vqeval batch d/ > out.txt"));
        assertEquals(List.of("a", "b"), ShellWords.split("a b && c"));
        assertEquals(List.of("a", "x#y"), ShellWords.split("a x#y"));
    }

    @Test
    void a_synopsis_reads_as_its_fullest_command() {
        assertEquals(
                List.of("validate", "DIR", "--out", "OUT", "--period-tolerance", "10%", "--flag-below", "50"),
                ShellWords.split("validate DIR [--out OUT] [--period-tolerance 10%|2] [--flag-below 50]"));
    }
}
