package dev.lvsa.vqeval.batch;

import java.nio.file.Path;
import java.util.Map;

/**
 * One video to score.
 *
 * @param path where to read it
 * @param shown the path as the user gave it (folder-relative or as written in the CSV)
 * @param id unique name for its JSON file (no extension)
 * @param extra other CSV columns, carried through to the summary (empty for folders)
 */
public record BatchInput(Path path, String shown, String id, Map<String, String> extra) {}
