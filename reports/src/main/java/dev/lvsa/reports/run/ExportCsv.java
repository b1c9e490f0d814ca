package dev.lvsa.reports.run;

import dev.lvsa.common.BadInputException;
import dev.lvsa.reports.io.ReportRuntime;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads the runner's export CSV (see {@link ExportColumns}) with tablesaw, every column as text, then turns
 * rows into {@link JobRecord}s. Tolerant: optional columns may be missing, cells may be empty, a number
 * that does not parse counts as empty (and is named in a warning); a row without model, method or a
 * readable horizon is left out with a warning.
 */
public final class ExportCsv {

    /** What was read: the jobs, warnings about rows or cells, and the columns the file has. */
    public record Result(List<JobRecord> jobs, List<String> warnings, Set<String> columns) {
        public Result {
            jobs = Collections.unmodifiableList(new ArrayList<>(jobs));
            warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
            columns = Collections.unmodifiableSet(new LinkedHashSet<>(columns));
        }
    }

    private static final int MAX_WARNINGS_PER_KIND = 5;

    private ExportCsv() {}

    /** Reads an export CSV file. */
    public static Result read(Path file) {
        return parse(readText(file), file.toString());
    }

    /** A CSV file's text (UTF-8); a missing or unreadable file is the user's mistake, named in one line. */
    static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Parses export CSV text; {@code name} names it in messages. */
    public static Result parse(String text, String name) {
        ReportRuntime.prepare();
        if (text.isBlank()) {
            throw new BadInputException(name + ": empty file (expected an export CSV with a header row)");
        }
        Table table;
        try {
            table = Table.read()
                    .usingOptions(CsvReadOptions.builder(new StringReader(stripBom(text)))
                            .tableName(name)
                            .header(true)
                            .columnTypes(c -> ColumnType.STRING)
                            .maxCharsPerColumn(1 << 20)
                            .missingValueIndicator("")
                            .allowDuplicateColumnNames(false)
                            .build());
        } catch (RuntimeException e) {
            throw new BadInputException(name + ": not a readable CSV (" + oneLine(e.getMessage()) + ")", e);
        }
        List<String> header = table.columnNames();
        List<Map<String, String>> rows = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String v = table.stringColumn(c).get(r);
                row.put(header.get(c).trim(), v == null ? "" : v.trim());
            }
            rows.add(row);
        }
        return fromRows(header, rows, name);
    }

    /**
     * The jobs of export rows already in memory (the runner's report reads its ledger this way, without writing
     * and re-reading the CSV): {@code header} the column names in order, each row's cells as the CSV would hold
     * them (empty for none). Row numbers in warnings count as in the file (the header is line 1).
     */
    public static Result fromRows(List<String> header, List<Map<String, String>> rows, String name) {
        Set<String> columns = new LinkedHashSet<>();
        for (String c : header) {
            columns.add(c.trim());
        }
        List<String> missing = new ArrayList<>();
        for (String c : ExportColumns.REQUIRED) {
            if (!columns.contains(c)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(
                    name + ": not a runner export: missing column" + (missing.size() > 1 ? "s " : " ")
                            + String.join(", ", missing) + " (has: " + String.join(", ", columns) + ")");
        }
        List<JobRecord> jobs = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int skipped = 0;
        Map<String, Integer> badNumbers = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            Map<String, String> row = rows.get(r);
            String why = unusable(row);
            if (why != null) {
                skipped++;
                if (skipped <= MAX_WARNINGS_PER_KIND) {
                    warnings.add(name + " line " + (r + 2) + ": left out (" + why + ")");
                }
                continue;
            }
            jobs.add(job(row, badNumbers));
        }
        if (skipped > MAX_WARNINGS_PER_KIND) {
            warnings.add(
                    name + ": " + (skipped - MAX_WARNINGS_PER_KIND) + " more row(s) left out for the same reasons");
        }
        for (Map.Entry<String, Integer> e : badNumbers.entrySet()) {
            // only the contract's numeric columns are expected to hold numbers; other extra columns may be text
            if (ExportColumns.NUMERIC.contains(e.getKey())) {
                warnings.add(name + ": column " + e.getKey() + ": " + e.getValue()
                        + " cell(s) are not numbers, read as empty");
            }
        }
        return new Result(jobs, warnings, columns);
    }

    /** Why a row cannot be a job (no model, no method, no readable horizon), or null when it can. */
    private static String unusable(Map<String, String> row) {
        String model = row.getOrDefault(ExportColumns.MODEL, "");
        String method = row.getOrDefault(ExportColumns.METHOD, "");
        if (model.isEmpty()) {
            return "no model";
        }
        if (method.isEmpty()) {
            return "no method";
        }
        return Horizon.parse(row.get(ExportColumns.HORIZON)) == null
                ? "horizon '" + row.get(ExportColumns.HORIZON) + "' is not a number"
                : null;
    }

    /** One usable row as a job; cells that should be numbers and are not are counted in {@code badNumbers}. */
    private static JobRecord job(Map<String, String> row, Map<String, Integer> badNumbers) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : row.entrySet()) {
            if (ExportColumns.TEXT.contains(e.getKey()) || e.getValue().isEmpty()) {
                continue;
            }
            Double d = parseNumber(e.getValue());
            if (d == null) {
                badNumbers.merge(e.getKey(), 1, Integer::sum);
            } else {
                numbers.put(e.getKey(), d);
            }
        }
        stepTimes(row.getOrDefault(ExportColumns.STEP_LATENCY_S, ""), numbers);
        latency(numbers);
        if ("dummy".equals(row.get(ExportColumns.WEIGHTS))) {
            numbers.put(ExportColumns.DUMMY_WEIGHTS, 1.0);
        }
        double frames = numbers.getOrDefault(ExportColumns.FRAMES, Double.NaN);
        String statusText = row.getOrDefault(ExportColumns.STATUS, "");
        return new JobRecord(
                row.getOrDefault(ExportColumns.JOB_ID, ""),
                row.get(ExportColumns.MODEL),
                row.get(ExportColumns.METHOD),
                Horizon.parse(row.get(ExportColumns.HORIZON)),
                Double.isNaN(frames) ? -1 : (int) Math.round(frames),
                row.getOrDefault(ExportColumns.PROMPT_ID, ""),
                row.getOrDefault(ExportColumns.SEED, ""),
                JobStatus.parse(statusText),
                statusText,
                row.getOrDefault(ExportColumns.BACKEND, ""),
                row.getOrDefault(ExportColumns.VIDEO, ""),
                row.getOrDefault(ExportColumns.PROMPT, ""),
                row.getOrDefault(ExportColumns.MESSAGE, ""),
                row.getOrDefault(ExportColumns.VARIANT, ""),
                row.getOrDefault(ExportColumns.PLAN, ""),
                numbers);
    }

    /**
     * The fastest, slowest and mean step of a {@code step_latency_s} cell ({@code [0.0148,0.0138]}) into
     * {@code numbers}, the job's first step left out as its warm-up (kernel compilation, caches filled) when it has
     * more than one; nothing when the cell is empty or holds no positive number.
     */
    static void stepTimes(String cell, Map<String, Double> numbers) {
        String s = cell.replace("[", "").replace("]", "").trim();
        if (s.isEmpty()) {
            return;
        }
        List<Double> steps = new ArrayList<>();
        for (String part : s.split("[,;\\s]+")) {
            Double d = parseNumber(part);
            if (d != null && d > 0) {
                steps.add(d);
            }
        }
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        double sum = 0;
        int n = 0;
        for (Double d : steps.size() > 1 ? steps.subList(1, steps.size()) : steps) {
            min = Math.min(min, d);
            max = Math.max(max, d);
            sum += d;
            n++;
        }
        if (n > 0) {
            numbers.put(ExportColumns.STEP_MIN_S, min);
            numbers.put(ExportColumns.STEP_MAX_S, max);
            numbers.put(ExportColumns.STEP_MEAN_S, sum / n);
        }
    }

    /** The latency the tables show: the worker's full-job estimate for a timed-steps job, else the measured total. */
    static void latency(Map<String, Double> numbers) {
        Double estimate = numbers.get(ExportColumns.ESTIMATED_TOTAL_S);
        if (estimate != null && numbers.containsKey(ExportColumns.TIMED_STEPS)) {
            numbers.put(ExportColumns.LATENCY_S, estimate);
            numbers.put(ExportColumns.LATENCY_ESTIMATED, 1.0);
        } else if (numbers.containsKey(ExportColumns.TOTAL_S)) {
            numbers.put(ExportColumns.LATENCY_S, numbers.get(ExportColumns.TOTAL_S));
        }
    }

    static Double parseNumber(String s) {
        String t = s.trim();
        try {
            double d = Double.parseDouble(t);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "unknown cause";
        }
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
