package dev.lvsa.datasets.reference;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The LVSA paper's published per-cell means, with the paper's names mapped to the toolkit's.
 *
 * <pre>{@code
 * PaperMeans paper = PaperMeans.load();
 * paper.find("wan2.1-t2v-1.3b", "lvsa", PaperMeans.BACKEND_SDPA, 4.0)
 *     .flatMap(c -> c.mean(PaperMeans.WALL_TIME_S))   // 786.66 s
 * }</pre>
 */
public final class PaperMeans {

    /** Where the figures come from (for report footnotes). */
    public static final String SOURCE = "LVSA paper reference repository JiusiServe/LongVideoSparseAttention, "
            + "benchmarks/results (Apache-2.0): one A100 80 GB, 50 denoising steps, 5 prompts per cell";
    /** Denoising steps of every published cell. */
    public static final int STEPS = 50;
    /** The GPU of every published cell. */
    public static final String GPU = "A100 80 GB";

    /** LVSA through PyTorch SDPA (the paper's {@code lvsa} rows). */
    public static final String BACKEND_SDPA = "sdpa";
    /** LVSA through FlashInfer's block-sparse kernels (the paper's {@code lvsa-fi} rows). */
    public static final String BACKEND_FLASHINFER = "flashinfer";

    /** End-to-end generation time, seconds. */
    public static final String WALL_TIME_S = "wall_time_s";
    /** Peak GPU memory, GB. */
    public static final String PEAK_GPU_GB = "peak_gpu_gb";

    public static final String VQ_COMPOSITE = "vq_composite";
    public static final String VQ_LOOP = "vq_loop";
    public static final String VQ_DYNAMIC = "vq_dynamic";
    public static final String VQ_SPATIAL = "vq_spatial";
    public static final String VQ_TEMPORAL = "vq_temporal";
    public static final String VQ_ARTIFACTS = "vq_artifacts";
    public static final String VQ_TEXT_ALIGNMENT = "vq_text_alignment";
    public static final String VBENCH_SUBJECT = "vbench_subject";
    public static final String VBENCH_BACKGROUND = "vbench_background";
    /** VBench's temporal flicker (higher = less flicker). */
    public static final String VBENCH_TEMPORAL = "vbench_temporal";
    /** VBench's motion smoothness. */
    public static final String VBENCH_MOTION = "vbench_motion";

    public static final String VBENCH_IMAGING = "vbench_imaging";
    public static final String VBENCH_AVG = "vbench_avg";

    private static final String RESOURCE_DIR = "/dev/lvsa/datasets/reference/";
    private static final String MEANS_FILE = "lvsa_paper_means.csv";
    private static final String OOM_FILE = "lvsa_paper_oom.csv";

    private final List<PaperCell> cells;

    private PaperMeans(List<PaperCell> cells) {
        this.cells = Collections.unmodifiableList(cells);
    }

    /** Loads the bundled reference files. */
    public static PaperMeans load() {
        return parse(resource(MEANS_FILE), resource(OOM_FILE));
    }

    /**
     * Parses a means file (the paper's {@code paper_results_means.csv} layout) and an out-of-memory file
     * ({@code model,backend,horizon,...}).
     *
     * @throws IllegalArgumentException naming the file's row and cause for an unknown model, backend or horizon
     */
    public static PaperMeans parse(String meansCsv, String oomCsv) {
        List<PaperCell> out = new ArrayList<>();
        List<Map<String, String>> rows = rows(meansCsv, MEANS_FILE);
        for (int i = 0; i < rows.size(); i++) {
            out.add(cell(rows.get(i), false, MEANS_FILE + " row " + (i + 2)));
        }
        List<Map<String, String>> oom = rows(oomCsv, OOM_FILE);
        for (int i = 0; i < oom.size(); i++) {
            out.add(cell(oom.get(i), true, OOM_FILE + " row " + (i + 2)));
        }
        return new PaperMeans(out);
    }

    public List<PaperCell> cells() {
        return cells;
    }

    /**
     * The published cell for a toolkit model, method, LVSA backend ({@link #BACKEND_SDPA} or
     * {@link #BACKEND_FLASHINFER}; ignored for dense) and horizon.
     */
    public Optional<PaperCell> find(String model, String method, String backend, double horizon) {
        for (PaperCell c : cells) {
            if (c.model().equals(model)
                    && c.method().equals(method)
                    && Math.abs(c.horizon() - horizon) < 1e-9
                    && (c.backend().isEmpty() || c.backend().equals(backend))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Whether the paper publishes any figure for this toolkit model. */
    public boolean hasModel(String model) {
        return cells.stream().anyMatch(c -> c.model().equals(model));
    }

    /** Whether the paper publishes any figure for this toolkit method ({@code dense}, {@code lvsa}). */
    public boolean hasMethod(String method) {
        return cells.stream().anyMatch(c -> c.method().equals(method));
    }

    /** Toolkit model names with published figures, in file order. */
    public Set<String> models() {
        Set<String> s = new LinkedHashSet<>();
        cells.forEach(c -> s.add(c.model()));
        return s;
    }

    /** Parses a horizon written as {@code 4x}, {@code 4}, {@code 1.5X}; NaN when it is none of these. */
    public static double parseHorizon(String text) {
        if (text == null) {
            return Double.NaN;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("x")) {
            t = t.substring(0, t.length() - 1).trim();
        }
        try {
            double h = Double.parseDouble(t);
            return h > 0 && Double.isFinite(h) ? h : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static PaperCell cell(Map<String, String> row, boolean oom, String where) {
        String paperModelId = row.getOrDefault("model", "");
        PaperModel model = PaperModel.byPaperId(paperModelId)
                .orElseThrow(
                        () -> new IllegalArgumentException(where + ": unknown paper model '" + paperModelId + "'"));
        String paperMethod = row.getOrDefault("backend", "");
        String method;
        String backend;
        switch (paperMethod) {
            case "dense" -> {
                method = "dense";
                backend = "";
            }
            case "lvsa" -> {
                method = "lvsa";
                backend = BACKEND_SDPA;
            }
            case "lvsa-fi" -> {
                method = "lvsa";
                backend = BACKEND_FLASHINFER;
            }
            default -> throw new IllegalArgumentException(where + ": unknown paper method '" + paperMethod + "'");
        }
        double horizon = parseHorizon(row.get("horizon"));
        if (Double.isNaN(horizon)) {
            throw new IllegalArgumentException(where + ": bad horizon '" + row.get("horizon") + "'");
        }
        Map<String, Double> means = new LinkedHashMap<>();
        Map<String, Double> stds = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : row.entrySet()) {
            String key = e.getKey();
            if (key.endsWith("_mean")) {
                means.put(key.substring(0, key.length() - 5), number(e.getValue(), where, key));
            } else if (key.endsWith("_std")) {
                stds.put(key.substring(0, key.length() - 4), number(e.getValue(), where, key));
            }
        }
        int prompts = oom ? 0 : (int) Math.round(number(row.get("n"), where, "n"));
        return new PaperCell(
                model,
                model.toolkitName(),
                method,
                backend,
                paperMethod,
                horizon,
                model.videoFrames(horizon),
                prompts,
                oom,
                means,
                stds);
    }

    private static double number(String text, String where, String column) {
        if (text == null || text.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": column " + column + " is not a number: '" + text + "'");
        }
    }

    private static List<Map<String, String>> rows(String csv, String name) {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<Map<String, String>> out = new ArrayList<>();
        try (MappingIterator<List<String>> it =
                mapper.readerForListOf(String.class).readValues(csv)) {
            List<String> header = null;
            while (it.hasNext()) {
                List<String> r = it.next();
                if (header == null) {
                    header = r;
                    continue;
                }
                if (r.size() == 1 && r.get(0).isBlank()) {
                    continue;
                }
                if (r.size() != header.size()) {
                    throw new IllegalArgumentException(name + " row " + (out.size() + 2) + ": " + r.size()
                            + " cells, header has " + header.size());
                }
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    m.put(header.get(i).trim(), r.get(i));
                }
                out.add(m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": not readable as CSV: " + e.getMessage(), e);
        }
        return out;
    }

    private static String resource(String file) {
        try (InputStream in = PaperMeans.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException(
                        "reference file " + RESOURCE_DIR + file + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference file " + file + ": " + e.getMessage(), e);
        }
    }
}
