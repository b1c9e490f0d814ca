package dev.lvsa.reports;

import dev.lvsa.datasets.reference.PaperMeans;
import dev.lvsa.reports.run.JobRecord;
import dev.lvsa.vqeval.VqEval;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run report is made from. {@code jobs} is required (it may be empty); everything else is
 * optional ({@code opt...}-style defaults filled in by {@link Builder#build()}).
 *
 * <pre>{@code
 * ExportCsv.Result export = ExportCsv.read(runDir.resolve("export.csv"));
 * ReportInput in = ReportInput.builder()
 *     .jobs(export.jobs())
 *     .warnings(export.warnings())
 *     .runName("demo")
 *     .runDir(runDir)                       // relative video and plan paths resolve here
 *     .build();
 * ReportWriter.write(in, runDir.resolve("report"));
 * }</pre>
 */
public final class ReportInput {

    /** Heatmaps drawn by default (one video per grid cell first, then more of each cell). */
    public static final int DEFAULT_MAX_HEATMAPS = 24;

    private final List<JobRecord> jobs;
    private final String runName;
    private final Path runDir;
    private final String source;
    private final PaperMeans reference;
    private final List<String> warnings;
    private final int maxHeatmaps;
    private final VqEval vqeval;
    private final ZonedDateTime generatedAt;
    private final Map<String, String> runSoftware;
    private final java.util.function.Consumer<String> progress;

    private ReportInput(Builder b) {
        this.jobs = Collections.unmodifiableList(new ArrayList<>(b.jobs));
        this.runDir = b.runDir;
        this.runName = b.runName != null
                ? b.runName
                : runDir != null && runDir.toAbsolutePath().getFileName() != null
                        ? runDir.toAbsolutePath().getFileName().toString()
                        : "run";
        this.source = b.source;
        this.reference = b.reference != null ? b.reference : PaperMeans.load();
        this.warnings = List.copyOf(b.warnings);
        this.maxHeatmaps = b.maxHeatmaps;
        this.progress = b.progress;
        this.vqeval = b.vqeval;
        this.generatedAt = b.generatedAt != null ? b.generatedAt : ZonedDateTime.now();
        this.runSoftware = Collections.unmodifiableMap(new LinkedHashMap<>(b.runSoftware));
    }

    /**
     * The software that made the run's videos as the run recorded it (worker, torch, diffusers versions, the
     * toolkit's git commit), name to version; empty when the run recorded none.
     */
    public Map<String, String> runSoftware() {
        return runSoftware;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<JobRecord> jobs() {
        return jobs;
    }

    public String runName() {
        return runName;
    }

    /**
     * The run folder, or null: relative video paths resolve against it, and the plan files whose planned densities
     * the sparsity chart draws.
     */
    public Path runDir() {
        return runDir;
    }

    /** Where the jobs came from (e.g. the export CSV's path), or null. */
    public String source() {
        return source;
    }

    public PaperMeans reference() {
        return reference;
    }

    /** Warnings from reading the input, shown at the top of the report. */
    public List<String> warnings() {
        return warnings;
    }

    public int maxHeatmaps() {
        return maxHeatmaps;
    }

    /** Where the slow part of writing a report (decoding videos for heatmaps) says how far it got. */
    public java.util.function.Consumer<String> progress() {
        return progress;
    }

    /** The evaluator used to recompute self-similarity, or null for a default one (built when needed). */
    public VqEval vqeval() {
        return vqeval;
    }

    public ZonedDateTime generatedAt() {
        return generatedAt;
    }

    /** Builder: {@link #jobs} is required; the rest is optional. */
    public static final class Builder {
        private List<JobRecord> jobs;
        private String runName;
        private Path runDir;
        private String source;
        private PaperMeans reference;
        private List<String> warnings = List.of();
        private Map<String, String> runSoftware = Map.of();
        private int maxHeatmaps = DEFAULT_MAX_HEATMAPS;
        private java.util.function.Consumer<String> progress = line -> {};
        private VqEval vqeval;
        private ZonedDateTime generatedAt;

        private Builder() {}

        /** Required: the run's jobs (one per export row); may be empty. */
        public Builder jobs(List<JobRecord> jobs) {
            this.jobs = Objects.requireNonNull(jobs, "jobs");
            return this;
        }

        /** The run's name in the title (default: the run folder's name, else "run"). */
        public Builder runName(String name) {
            this.runName = name;
            return this;
        }

        /** The run folder: relative video and plan paths resolve against it. */
        public Builder runDir(Path dir) {
            this.runDir = dir;
            return this;
        }

        /** Where the jobs came from, shown in the header (e.g. the export CSV's path). */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /** The published figures to compare with (default: the bundled LVSA paper means). */
        public Builder reference(PaperMeans reference) {
            this.reference = reference;
            return this;
        }

        /** Warnings from reading the input (shown in the report). */
        /** What the run recorded about its software (see {@link ReportInput#runSoftware()}). */
        public Builder runSoftware(Map<String, String> software) {
            this.runSoftware = new LinkedHashMap<>(software);
            return this;
        }

        public Builder warnings(List<String> warnings) {
            this.warnings = List.copyOf(warnings);
            return this;
        }

        /** At most this many self-similarity heatmaps (default 24; 0 draws none). */
        /** Receives a line per heatmap as videos are decoded (default: nothing). */
        public Builder progress(java.util.function.Consumer<String> lines) {
            this.progress = lines;
            return this;
        }

        public Builder maxHeatmaps(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxHeatmaps must be >= 0, got " + max);
            }
            this.maxHeatmaps = max;
            return this;
        }

        /** The evaluator for heatmaps (default: VQeval with default settings). */
        public Builder vqeval(VqEval vq) {
            this.vqeval = vq;
            return this;
        }

        /** The report's date (default: now). */
        public Builder generatedAt(ZonedDateTime time) {
            this.generatedAt = time;
            return this;
        }

        /** @throws IllegalStateException when jobs were not given */
        public ReportInput build() {
            if (jobs == null) {
                throw new IllegalStateException("ReportInput needs jobs(...) (an empty list for a run without jobs)");
            }
            return new ReportInput(this);
        }
    }
}
