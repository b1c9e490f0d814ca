package dev.lvsa.vqeval.io;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** CSV through Jackson: a header row and string cells, quoted where needed. */
public final class Csv {

    private static final CsvMapper MAPPER = new CsvMapper();

    private Csv() {}

    /** A table read from a CSV file with a header row. */
    public record Table(List<String> header, List<List<String>> rows) {}

    /** Renders a header and rows as CSV text. */
    public static String format(List<String> header, List<List<String>> rows) throws IOException {
        StringWriter out = new StringWriter();
        try (SequenceWriter w = MAPPER.writer(CsvSchema.emptySchema()).writeValues(out)) {
            w.write(header.toArray(new String[0]));
            for (List<String> r : rows) {
                w.write(r.stream().map(c -> c == null ? "" : c).toArray(String[]::new));
            }
        }
        return out.toString();
    }

    /** Reads a CSV file whose first row names the columns; short rows are padded with empty cells. */
    public static Table read(Path file) throws IOException {
        List<List<String>> all = new ArrayList<>();
        try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .readValues(file.toFile())) {
            while (it.hasNext()) {
                all.add(new ArrayList<>(Arrays.asList(it.next())));
            }
        }
        if (all.isEmpty()) {
            throw new IOException("no header row");
        }
        List<String> header = all.get(0).stream().map(String::trim).toList();
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : all.subList(1, all.size())) {
            while (r.size() < header.size()) {
                r.add("");
            }
            rows.add(r.subList(0, header.size()));
        }
        return new Table(header, rows);
    }
}
