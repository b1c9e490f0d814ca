package dev.lvsa.vqeval;

import dev.lvsa.vqeval.api.AnalysisContext;
import dev.lvsa.vqeval.api.Diagnostics;
import dev.lvsa.vqeval.api.Dimension;
import dev.lvsa.vqeval.api.DimensionResult;
import dev.lvsa.vqeval.api.EmbedderException;
import dev.lvsa.vqeval.api.EmbedderRequest;
import dev.lvsa.vqeval.api.EvaluationReport;
import dev.lvsa.vqeval.api.FrameEmbedder;
import dev.lvsa.vqeval.api.FrameEmbeddings;
import dev.lvsa.vqeval.api.FrameProgress;
import dev.lvsa.vqeval.api.FrameSeries;
import dev.lvsa.vqeval.api.LoopFindings;
import dev.lvsa.vqeval.api.NormRange;
import dev.lvsa.vqeval.api.Preset;
import dev.lvsa.vqeval.api.SelfSimilarity;
import dev.lvsa.vqeval.api.VideoException;
import dev.lvsa.vqeval.api.Weights;
import dev.lvsa.vqeval.decode.DecodeOptions;
import dev.lvsa.vqeval.decode.VideoDecoder;
import dev.lvsa.vqeval.diagnostics.PublishedLoopMetrics;
import dev.lvsa.vqeval.diagnostics.VbenchConsistency;
import dev.lvsa.vqeval.diagnostics.VbenchLike;
import dev.lvsa.vqeval.embed.Embedders;
import dev.lvsa.vqeval.embed.EmbeddingCollector;
import dev.lvsa.vqeval.loop.LoopAnalyzer;
import dev.lvsa.vqeval.loop.LoopParameters;
import dev.lvsa.vqeval.signal.Brisque;
import dev.lvsa.vqeval.signal.FrameAnalyzer;
import dev.lvsa.vqeval.signal.SpatialStats;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores videos. Build once, evaluate many (thread-safe: each call has its own state).
 *
 * <pre>{@code
 * VqEval vq = VqEval.builder()
 *     .optWeights(Weights.parse("loop_quality=0.5", VqEval.dimensionNames()))
 *     .build();
 * EvaluationReport report = vq.evaluate(Path.of("video.mp4"));
 * System.out.println(report.compositeScore() + " " + report.toJson());
 * }</pre>
 *
 * <p>With embedders ({@link Builder#optEmbedders}) the evaluator holds open models: close it when done.
 */
public final class VqEval implements AutoCloseable {

    private final Map<String, Dimension> dimensions;
    private final Weights weights;
    private final Preset preset;
    private final DecodeOptions decodeOptions;
    private final LoopParameters loopParameters;
    private final Path brisqueModel;
    private final Path brisqueRange;
    private final List<FrameEmbedder> embedders;
    private final int embedBatch;

    private VqEval(Builder b) {
        this.dimensions = Dimensions.discover();
        this.preset = b.preset;
        validatePreset(preset, dimensions);
        Weights presetWeights = Weights.of(preset.weights());
        checkNames(presetWeights, dimensions.keySet(), "preset " + preset.name());
        checkNames(b.weights, dimensions.keySet(), "weights");
        this.weights = b.weights.over(presetWeights);
        double total = 0;
        for (Dimension d : dimensions.values()) {
            total += weights.weightOf(d);
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("all dimension weights are 0; give at least one a positive weight");
        }
        this.embedders = Embedders.open(b.embedders);
        this.embedBatch = b.embedBatch;
        if (b.embedEvery < 1 || b.embedBatch < 1) {
            Embedders.closeAll(embedders);
            throw new IllegalArgumentException("--embedder-stride and --embedder-batch must be >= 1");
        }
        this.decodeOptions = new DecodeOptions(
                b.analysisSize,
                b.stride,
                b.spatialSamples,
                DecodeOptions.MIN_FRAMES_TO_JUDGE,
                EmbeddingCollector.shorterSide(embedders),
                b.embedEvery);
        this.loopParameters = b.loopParameters;
        this.brisqueModel = b.brisqueModel;
        this.brisqueRange = b.brisqueRange;
        if (brisqueModel != null) {
            new Brisque(brisqueModel, brisqueRange); // fails early on missing files
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Closes the embedders' models, if any. */
    @Override
    public void close() {
        Embedders.closeAll(embedders);
    }

    /** The embedders' resolved specs, in the order given. */
    public List<dev.lvsa.vqeval.api.EmbedderSpec> embedderSpecs() {
        return embedders.stream().map(FrameEmbedder::spec).toList();
    }

    /** Names of the dimensions on the class path, in report order. */
    public static Set<String> dimensionNames() {
        return Collections.unmodifiableSet(Dimensions.discover().keySet());
    }

    /** The dimensions this evaluator scores, in report order. */
    public Map<String, Dimension> dimensions() {
        return dimensions;
    }

    /** Evaluates one video; the path is shown in messages and JSON as given. */
    public EvaluationReport evaluate(Path video) throws VideoException {
        return evaluate(video, video.toString());
    }

    /** Evaluates one video, naming it {@code shownName} in messages and JSON. */
    public EvaluationReport evaluate(Path video, String shownName) throws VideoException {
        return evaluate(video, shownName, null);
    }

    /** Evaluates one video and reports its progress (null: no reports). */
    public EvaluationReport evaluate(Path video, String shownName, FrameProgress progress) throws VideoException {
        long t0 = System.nanoTime();
        Analysed analysed = decodeAndAnalyse(video, shownName, progress);
        FrameSeries series = analysed.series();
        if (progress != null) {
            progress.update("analysing", series.info().frames(), series.info().frames());
        }
        long t1 = System.nanoTime();
        LoopFindings loop = new LoopAnalyzer(loopParameters).analyse(series, analysed.embeddings());
        long t2 = System.nanoTime();
        // with a frame-rate cadence, the other dimensions see the video at its source rate
        FrameSeries scored =
                loop.cadence() == null ? series : series.without(loop.cadence().duplicate());
        AnalysisContext context = new AnalysisContext(scored, loop, preset);
        Map<String, DimensionResult> results = new LinkedHashMap<>();
        Map<String, Double> used = new LinkedHashMap<>();
        double total = 0;
        for (Dimension d : dimensions.values()) {
            total += weights.weightOf(d);
        }
        double composite = 0;
        for (Dimension d : dimensions.values()) {
            DimensionResult r = d.evaluate(context);
            results.put(d.name(), r);
            double w = weights.weightOf(d) / total;
            used.put(d.name(), w);
            composite += w * r.score();
        }
        Map<String, Object> vbench = VbenchLike.compute(scored);
        double dynamicDegree = (Double) vbench.get("dynamic_degree");
        Diagnostics diagnostics = new Diagnostics(
                vbench,
                PublishedLoopMetrics.compute(series, loop, dynamicDegree),
                VbenchConsistency.compute(analysed.embeddings(), series.stride()));
        long t3 = System.nanoTime();
        Map<String, Object> analysis = analysisFacts(analysed, scored);
        Map<String, Long> timing = new LinkedHashMap<>();
        timing.put("decode_and_frames", (t1 - t0) / 1_000_000);
        timing.put("waiting_for_decoder", analysed.waitedForDecoderNanos() / 1_000_000);
        timing.put("self_similarity", (t2 - t1) / 1_000_000);
        timing.put("scoring", (t3 - t2) / 1_000_000);
        timing.put("total", (t3 - t0) / 1_000_000);
        return new EvaluationReport(
                series.info(), composite, used, results, diagnostics, analysis, timing, loop, profiles(series, loop));
    }

    /** How the video was analysed and scored, for the report's JSON. */
    private Map<String, Object> analysisFacts(Analysed analysed, FrameSeries scored) {
        FrameSeries series = analysed.series();
        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("frames_analysed", series.size());
        analysis.put("frames_scored", scored.size());
        analysis.put("stride", series.stride());
        analysis.put("analysis_width", series.analysisWidth());
        analysis.put("analysis_height", series.analysisHeight());
        analysis.put("descriptor_grid", series.descriptorWidth() + "x" + series.descriptorHeight());
        analysis.put(
                "spatial_sample_frames",
                series.spatialSamples().stream().map(x -> x.frame()).toList());
        analysis.put("preset", preset.name());
        analysis.put("container", series.info().format());
        analysis.put("fps_from", "frame timestamps");
        analysis.put("variable_frame_rate", analysed.rateVaries());
        if (!analysed.embeddings().isEmpty()) {
            analysis.put("embedders", Embedders.facts(analysed.embeddings(), series.stride()));
        }
        return analysis;
    }

    /** The self-similarity matrix of a video and its detected period. */
    public SelfSimilarity selfSimilarity(Path video) throws VideoException {
        Analysed a = decodeAndAnalyse(video, video.toString(), null);
        return new LoopAnalyzer(loopParameters)
                .analyse(a.series(), a.embeddings())
                .selfSimilarity();
    }

    /** Decodes and measures every analysed frame. */
    public FrameSeries analyseFrames(Path video, String shownName) throws VideoException {
        return decodeAndAnalyse(video, shownName, null).series();
    }

    private record Analysed(
            FrameSeries series, long waitedForDecoderNanos, boolean rateVaries, List<FrameEmbeddings> embeddings) {}

    private Analysed decodeAndAnalyse(Path video, String shownName, FrameProgress progress) throws VideoException {
        Brisque brisque = brisqueModel == null ? null : new Brisque(brisqueModel, brisqueRange);
        EmbeddingCollector collector =
                embedders.isEmpty() ? null : new EmbeddingCollector(embedders, decodeOptions.embedEvery(), embedBatch);
        try (FrameAnalyzer analyzer = new FrameAnalyzer(
                        shownName, decodeOptions.stride(), new SpatialStats(brisque), collector)
                .progressTo(progress)) {
            VideoDecoder.Result r = VideoDecoder.decode(video, shownName, decodeOptions, analyzer);
            FrameSeries series = analyzer.finish(r.framesDecoded(), r.timedFps());
            List<FrameEmbeddings> embeddings = collector == null ? List.of() : collector.finish();
            return new Analysed(series, r.decodeWaitNanos(), r.rateVaries(), embeddings);
        } catch (EmbedderException e) {
            throw new VideoException(shownName, VideoException.Kind.EMBEDDER_ERROR, e.getMessage(), e);
        } finally {
            if (collector != null) {
                collector.close();
            }
        }
    }

    private static Map<String, double[]> profiles(FrameSeries s, LoopFindings loop) {
        Map<String, double[]> p = new LinkedHashMap<>();
        double scale = 100.0 / s.analysisDiagonal() / s.stride();
        double[] flow = s.flowMean().clone();
        for (int i = 0; i < flow.length; i++) {
            flow[i] *= scale;
        }
        p.put("flow_pct", flow);
        p.put("ssim_prev", s.ssimPrev());
        p.put("ssim_first", s.ssimFirst());
        p.put("novelty", loop.noveltyProfile());
        p.put("luma_mean", s.lumaMean());
        return p;
    }

    private static void validatePreset(Preset preset, Map<String, Dimension> dims) {
        for (String key : preset.ranges().keySet()) {
            int dot = key.indexOf('.');
            Dimension d = dot > 0 ? dims.get(key.substring(0, dot)) : null;
            if (d == null || !d.defaultRanges().containsKey(key.substring(dot + 1))) {
                throw new IllegalArgumentException("preset " + preset.name() + ": unknown metric '" + key
                        + "' (expected <dimension>.<metric>, e.g. spatial_quality.sharpness)");
            }
            NormRange def = d.defaultRanges().get(key.substring(dot + 1));
            NormRange r = preset.ranges().get(key);
            if (def.higherIsBetter() != r.higherIsBetter()) {
                throw new IllegalArgumentException("preset " + preset.name() + ": range of '" + key
                        + "' runs the wrong way (good and bad swapped)");
            }
        }
    }

    private static void checkNames(Weights w, Set<String> known, String what) {
        for (String name : w.overrides().keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(
                        what + ": unknown dimension '" + name + "' (known: " + String.join(", ", known) + ")");
            }
        }
    }

    /** Builder: every setting is optional ({@code opt...}); defaults are filled in by {@link #build()}. */
    public static final class Builder {
        private Weights weights = Weights.none();
        private Preset preset = Preset.defaults();
        private int stride = 1;
        private int analysisSize = 160;
        private int spatialSamples = 8;
        private LoopParameters loopParameters = LoopParameters.defaults();
        private Path brisqueModel;
        private Path brisqueRange;
        private List<EmbedderRequest> embedders = List.of();
        private int embedEvery = 1;
        private int embedBatch = 16;

        private Builder() {}

        /**
         * Learned image encoders whose features become semantic channels of the repeat model and, for DINO
         * and CLIP, VBench's own consistency measures. Needs a {@link FrameEmbedderProvider} on the class path.
         */
        public Builder optEmbedders(List<EmbedderRequest> requests) {
            this.embedders = List.copyOf(requests);
            return this;
        }

        /** Embed every {@code every}-th analysed frame (default 1). */
        public Builder optEmbedderStride(int every) {
            this.embedEvery = every;
            return this;
        }

        /** Images per model call (default 16). */
        public Builder optEmbedderBatch(int images) {
            this.embedBatch = images;
            return this;
        }

        /** Composite weights; dimensions not named keep the preset's or their default weight. */
        public Builder optWeights(Weights weights) {
            this.weights = weights;
            return this;
        }

        /** Normalisation ranges (and weights) overriding the defaults. */
        public Builder optPreset(Preset preset) {
            this.preset = preset;
            return this;
        }

        /** Analyse every {@code stride}-th frame (default 1: every frame). Periods stay in original frames. */
        public Builder optStride(int stride) {
            this.stride = stride;
            return this;
        }

        /** Longer side of the analysis frames in pixels (default 160). */
        public Builder optAnalysisSize(int pixels) {
            this.analysisSize = pixels;
            return this;
        }

        /** Frames sampled for full-resolution spatial statistics (default 8). */
        public Builder optSpatialSamples(int frames) {
            this.spatialSamples = frames;
            return this;
        }

        /** Thresholds of the repetition analysis. */
        public Builder optLoopParameters(LoopParameters parameters) {
            this.loopParameters = parameters;
            return this;
        }

        /** Adds BRISQUE to spatial_quality, with OpenCV's model and range files. */
        public Builder optBrisque(Path modelFile, Path rangeFile) {
            this.brisqueModel = modelFile;
            this.brisqueRange = rangeFile;
            return this;
        }

        /**
         * @throws IllegalArgumentException for an invalid setting (bad stride, unknown names in weights or
         *     preset, all weights zero, missing BRISQUE files)
         */
        public VqEval build() {
            return new VqEval(this);
        }
    }
}
