package dev.lvsa.vqeval.cli;

import dev.lvsa.common.AtomicFiles;
import dev.lvsa.vqeval.api.BatchHtmlRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in for the reports module's renderer, registered for tests only: writes what it was given, so
 * that the tests can check that {@code vqeval batch} finds a renderer through ServiceLoader and hands it
 * every item.
 */
public final class RecordingHtmlRenderer implements BatchHtmlRenderer {

    @Override
    public Path render(List<Item> items, Path outDir) throws IOException {
        StringBuilder sb = new StringBuilder("<!-- test renderer -->\n");
        for (Item i : items) {
            sb.append(i.id())
                    .append(' ')
                    .append(i.ok() ? "ok " + i.report().compositeScore() : "failed " + i.error())
                    .append(' ')
                    .append(i.extraColumns())
                    .append('\n');
        }
        Path file = outDir.resolve("report.html");
        AtomicFiles.writeString(file, sb.toString());
        return file;
    }
}
