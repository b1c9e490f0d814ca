/**
 * Frame-level sparsity patterns. {@link dev.lvsa.baselines.pattern.FrameMask} is the value type (per query frame,
 * the key frames it attends); a {@link dev.lvsa.baselines.pattern.FramePattern} produces one mask per denoising
 * step. Parts to compose ({@link dev.lvsa.baselines.pattern.LocalWindow},
 * {@link dev.lvsa.baselines.pattern.FirstFrames}, {@link dev.lvsa.baselines.pattern.PeriodicAnchors},
 * {@link dev.lvsa.baselines.pattern.AllFrames}, {@link dev.lvsa.baselines.pattern.Union},
 * {@link dev.lvsa.baselines.pattern.Intersection}), the LVSA pattern ({@link dev.lvsa.baselines.pattern.Lvsa},
 * {@link dev.lvsa.baselines.pattern.LvsaPattern}), the JSON spec users compose patterns with
 * ({@link dev.lvsa.baselines.pattern.PatternSpec}) and the {@link dev.lvsa.baselines.pattern.PatternProvider}
 * service interface for code-defined patterns found through {@link java.util.ServiceLoader}.
 */
package dev.lvsa.baselines.pattern;
