package dev.lvsa.vqeval.batch;

import dev.lvsa.vqeval.io.Csv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Finds the videos of a batch and gives each a unique id. */
public final class VideoListing {

    /** File extensions treated as videos when listing a folder. */
    public static final Set<String> VIDEO_EXTENSIONS = Set.of(
            "mp4", "mov", "m4v", "webm", "mkv", "avi", "gif", "mpg", "mpeg", "wmv", "flv", "ts", "mts", "ogv", "3gp");

    /** Column names tried, in order, when no path column is given. */
    public static final List<String> PATH_COLUMNS =
            List.of("path", "video", "video_path", "file", "filename", "output", "output_path", "video_file");

    private VideoListing() {}

    /** Every video file under {@code dir} (recursively), sorted by relative path. */
    public static List<BatchInput> fromFolder(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            // a symbolic link whose target is gone is listed too: it fails with 'no such file', never silently
            files = walk.filter(p -> Files.isRegularFile(p) || Files.isSymbolicLink(p))
                    .filter(p -> VIDEO_EXTENSIONS.contains(extension(p)))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Set<String> used = new HashSet<>();
        List<BatchInput> out = new ArrayList<>();
        for (Path f : files) {
            String rel = dir.relativize(f).toString().replace('\\', '/');
            out.add(new BatchInput(f, rel, uniqueId(rel, used), Map.of()));
        }
        return out;
    }

    /** What a CSV gives: the inputs, the path column used, the extra columns, and rows filtered out. */
    public record CsvListing(
            List<BatchInput> inputs, String pathColumn, List<String> extraColumns, int skipped, String filter) {}

    /**
     * Rows of a CSV with a video path column; paths are relative to the CSV's folder.
     *
     * @param pathColumn the column, or null to detect it
     * @param statusColumn a column to filter on, or null: when the CSV has a {@code status} column, only
     *     rows whose status is {@code ok} are kept
     * @param statusValue the value to keep (default {@code ok})
     * @throws IllegalArgumentException for a missing column (a usage error)
     */
    public static CsvListing fromCsv(Path csv, String pathColumn, String statusColumn, String statusValue)
            throws IOException {
        Csv.Table t = Csv.read(csv);
        String col = pathColumn(csv, t, pathColumn);
        String filterCol = filterColumn(csv, t, statusColumn);
        String keep = statusValue == null ? "ok" : statusValue;
        int pathIdx = t.header().indexOf(col);
        int filterIdx = filterCol == null ? -1 : t.header().indexOf(filterCol);
        List<String> extras = new ArrayList<>(t.header());
        extras.remove(col);
        Path base = csv.toAbsolutePath().getParent();
        Set<String> used = new HashSet<>();
        List<BatchInput> out = new ArrayList<>();
        int skipped = 0;
        for (List<String> row : t.rows()) {
            if (filterIdx >= 0 && !row.get(filterIdx).trim().equals(keep)) {
                skipped++;
                continue;
            }
            String written = row.get(pathIdx).trim();
            if (written.isEmpty()) {
                skipped++;
                continue;
            }
            Path p;
            try {
                p = base.resolve(written).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException(
                        csv + ": row " + (t.rows().indexOf(row) + 2) + ": not a valid path: '" + written + "'");
            }
            Map<String, String> extra = new LinkedHashMap<>();
            for (String e : extras) {
                extra.put(e, row.get(t.header().indexOf(e)));
            }
            String idSource = Path.of(written).isAbsolute() ? p.getFileName().toString() : written;
            out.add(new BatchInput(p, written, uniqueId(idSource.replace('\\', '/'), used), extra));
        }
        return new CsvListing(out, col, extras, skipped, filterCol == null ? null : filterCol + "=" + keep);
    }

    /** The path column: the one named (which must exist), else the first of {@link #PATH_COLUMNS} in the header. */
    private static String pathColumn(Path csv, Csv.Table t, String named) {
        if (named != null) {
            return requireColumn(csv, t, named);
        }
        for (String c : PATH_COLUMNS) {
            if (t.header().stream().anyMatch(h -> h.equalsIgnoreCase(c))) {
                return t.header().stream()
                        .filter(h -> h.equalsIgnoreCase(c))
                        .findFirst()
                        .orElseThrow();
            }
        }
        throw new IllegalArgumentException(
                csv + ": no video path column found (tried " + PATH_COLUMNS + "); name it with --path-column");
    }

    /** The column rows are filtered on: the one named (which must exist), else {@code status} if any, else null. */
    private static String filterColumn(Path csv, Csv.Table t, String named) {
        if (named != null) {
            return requireColumn(csv, t, named);
        }
        return t.header().contains("status") ? "status" : null;
    }

    private static String requireColumn(Path csv, Csv.Table t, String name) {
        if (!t.header().contains(name)) {
            throw new IllegalArgumentException(csv + ": no column '" + name + "' (columns: " + t.header() + ")");
        }
        return name;
    }

    /**
     * A file-name-safe id from a relative path: folders joined with "__", extension dropped; on a clash the
     * extension is added, then a counter. Deterministic for a given input order.
     */
    static String uniqueId(String relative, Set<String> used) {
        String clean = relative.replaceAll("^(\\./)+", "").replaceAll("\\.\\./", "up__");
        String ext = extension(Path.of(clean));
        String noExt = ext.isEmpty() ? clean : clean.substring(0, clean.length() - ext.length() - 1);
        String base = safe(noExt.replace("/", "__"));
        String id = base;
        if (used.contains(id) && !ext.isEmpty()) {
            id = base + "_" + safe(ext);
        }
        int k = 2;
        String stem = id;
        while (used.contains(id)) {
            id = stem + "-" + k++;
        }
        used.add(id);
        return id;
    }

    private static String safe(String s) {
        String r = s.replaceAll("[^A-Za-z0-9._+\\-=]", "_");
        return r.isEmpty() ? "video" : r;
    }

    static String extension(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }
}
