package dev.lvsa.reports.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attention density each LVSA job's own plan expects, read from the plan file the export's {@code plan} column
 * names (relative to the run folder): its {@code expected.mean_frame_density}, the mean over all its denoising
 * steps as the planner wrote it (six decimals). Nothing is recomputed: a job whose plan file is missing or says
 * nothing about its density has no point, and the warnings say so.
 */
public final class PlannedDensity {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Series and warnings name at most this many plan files each. */
    private static final int EXAMPLES = 3;

    private PlannedDensity() {}

    /**
     * One LVSA variant of one model at one length, as its plan file says.
     *
     * @param model the model
     * @param variant the method variant's label as exported ({@code lvsa[window=2]}), or the method when none
     * @param frames video frames
     * @param density the plan's {@code expected.mean_frame_density}
     * @param plan the plan file as the export names it
     */
    public record Point(String model, String variant, int frames, double density, String plan) {}

    /**
     * One line of the chart: a model's LVSA variant, its points by frames.
     *
     * @param model the model
     * @param variant the variant's label
     * @param points the planned densities, by frames
     */
    public record Series(String model, String variant, List<SparsityPoint> points) {
        public Series {
            points = List.copyOf(points);
        }

        /** The legend's text: the model, with the variant where it is not plain {@code lvsa}. */
        public String label() {
            return variant.isEmpty() || variant.equals("lvsa") ? model : model + " " + variant;
        }
    }

    /**
     * What the plans gave.
     *
     * @param points one per model, variant and frame count, in the export's order
     * @param warnings why LVSA jobs have no point (plan file missing, unreadable, without a density), grouped
     */
    public record Result(List<Point> points, List<String> warnings) {
        public Result {
            points = List.copyOf(points);
            warnings = List.copyOf(warnings);
        }

        /** The points as chart lines, one per model and variant, each by frames. */
        public List<Series> series() {
            Map<List<String>, List<SparsityPoint>> by = new LinkedHashMap<>();
            for (Point p : points) {
                by.computeIfAbsent(List.of(p.model(), p.variant()), k -> new ArrayList<>())
                        .add(new SparsityPoint(p.frames(), p.density()));
            }
            List<Series> out = new ArrayList<>();
            by.forEach((k, v) -> out.add(new Series(
                    k.get(0),
                    k.get(1),
                    v.stream()
                            .sorted(Comparator.comparingInt(SparsityPoint::frames))
                            .toList())));
            return out;
        }
    }

    /**
     * The planned density of every LVSA job with a frame count, from its plan file.
     *
     * @param jobs the run's jobs (others than LVSA are passed over)
     * @param runDir the run folder relative plan paths resolve against, or null when unknown
     */
    public static Result read(List<JobRecord> jobs, Path runDir) {
        Map<String, Double> byFile = new HashMap<>();
        Map<String, String> whyNot = new HashMap<>();
        Map<List<Object>, Point> points = new LinkedHashMap<>();
        // reason -> plan files (or job ids) that gave it
        Map<String, List<String>> missing = new LinkedHashMap<>();
        Map<List<Object>, List<Double>> conflicts = new LinkedHashMap<>();
        for (JobRecord j : jobs) {
            if (!j.method().equals("lvsa") || j.frames() < 1) {
                continue;
            }
            if (j.plan().isBlank()) {
                missing.computeIfAbsent(
                                "the export names no plan file for them (no plan column, or an empty cell)",
                                k -> new ArrayList<>())
                        .add(j.jobId().isBlank() ? j.model() + " " + j.horizon().label() : j.jobId());
                continue;
            }
            if (!byFile.containsKey(j.plan()) && !whyNot.containsKey(j.plan())) {
                String why = load(j.plan(), runDir, byFile);
                if (why != null) {
                    whyNot.put(j.plan(), why);
                }
            }
            if (whyNot.containsKey(j.plan())) {
                missing.computeIfAbsent(whyNot.get(j.plan()), k -> new ArrayList<>())
                        .add(j.plan());
                continue;
            }
            double density = byFile.get(j.plan());
            String variant = j.variant().isBlank() ? j.method() : j.variant();
            List<Object> key = List.of(j.model(), variant, j.frames());
            Point had = points.get(key);
            if (had == null) {
                points.put(key, new Point(j.model(), variant, j.frames(), density, j.plan()));
            } else if (had.density() != density) {
                conflicts
                        .computeIfAbsent(key, k -> new ArrayList<>(List.of(had.density())))
                        .add(density);
            }
        }
        List<String> warnings = new ArrayList<>();
        missing.forEach((why, files) -> {
            List<String> distinct = files.stream().distinct().toList();
            warnings.add("No planned density for " + files.size() + " LVSA job(s), left out of the sparsity chart: "
                    + why + " (" + String.join(", ", distinct.subList(0, Math.min(EXAMPLES, distinct.size())))
                    + (distinct.size() > EXAMPLES ? ", ..." : "") + ")");
        });
        conflicts.forEach((key, densities) -> warnings.add("The plans of " + key.get(0) + " " + key.get(1) + " at "
                + key.get(2) + " frames expect different densities ("
                + densities.stream()
                        .distinct()
                        .map(String::valueOf)
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("") + "): the chart shows the first; the export's variant column "
                + "does not tell these jobs apart"));
        return new Result(new ArrayList<>(points.values()), warnings);
    }

    /** Reads one plan's density into {@code byFile}; returns why it could not, or null. */
    private static String load(String plan, Path runDir, Map<String, Double> byFile) {
        Path file = Path.of(plan);
        if (!file.isAbsolute()) {
            if (runDir == null) {
                return "no run folder was given to find their plan files in";
            }
            file = runDir.resolve(file);
        }
        if (!Files.isRegularFile(file)) {
            return "their plan file is missing from " + (runDir == null ? "its folder" : "the run folder " + runDir);
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(file.toFile());
        } catch (IOException e) {
            return "their plan file cannot be read as JSON";
        }
        JsonNode mean = doc == null ? null : doc.path("expected").get("mean_frame_density");
        if (mean == null || !mean.isNumber() || !(mean.asDouble() >= 0 && mean.asDouble() <= 1)) {
            return "their plan file has no expected.mean_frame_density within 0..1";
        }
        byFile.put(plan, mean.asDouble());
        return null;
    }
}
