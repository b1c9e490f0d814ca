package dev.lvsa.vqeval.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lvsa.vqeval.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the output: a 64 KiB tmpfs, filled. Needs permission to mount (root, as on CI); skipped with
 * that reason elsewhere.
 */
class DiskFullTest {

    @TempDir
    Path dir;

    Path disk;
    boolean mounted;

    @BeforeEach
    void mount() throws Exception {
        disk = Files.createDirectories(dir.resolve("disk"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString()) == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here (needs root): the disk-full case is not exercised");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", disk.toString());
        }
    }

    static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @Test
    void a_full_disk_is_one_line_naming_the_file_exit_2_and_leaves_nothing_half_written() throws Exception {
        Path clip = TestVideos.write(dir.resolve("clip.mp4"), 96, 64, 48, 16, TestVideos.clean());
        Files.write(disk.resolve("filler"), new byte[60 * 1024]);
        Path json = disk.resolve("report.json");
        CliTest.Run r = CliTest.run("evaluate", clip.toString(), "--profiles", "--json", json.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("vqeval: " + json + ": cannot write (No space left on device)");
        try (Stream<Path> files = Files.list(disk)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("filler");
        }
    }
}
