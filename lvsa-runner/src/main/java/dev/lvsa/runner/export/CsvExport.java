package dev.lvsa.runner.export;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.lvsa.common.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes the run table as CSV (RFC 4180 quoting, UTF-8, header row), atomically. */
public final class CsvExport {
    private static final CsvMapper MAPPER = new CsvMapper();

    private CsvExport() {}

    /**
     * The rows' cells as text, as {@link #write} puts them in the file (no value: empty; numbers and booleans as
     * Java prints them), so that the report can read the rows in memory and get what reading the file would give.
     */
    public static List<Map<String, String>> cells(List<Map<String, Object>> rows) {
        List<Map<String, String>> out = new java.util.ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, String> row = new java.util.LinkedHashMap<>();
            r.forEach((k, v) -> row.put(k, v == null ? "" : String.valueOf(v).trim()));
            out.add(row);
        }
        return out;
    }

    public static void write(List<Map<String, Object>> rows, Path file) throws IOException {
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true);
        for (String c : RunTable.columns()) {
            b.addColumn(c);
        }
        CsvSchema schema = b.build();
        AtomicFiles.write(file, AtomicFiles.Folder.MUST_EXIST, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (SequenceWriter sw = MAPPER.writerFor(Map.class).with(schema).writeValues(w)) {
                for (Map<String, Object> r : rows) {
                    sw.write(r);
                }
            }
        });
    }
}
