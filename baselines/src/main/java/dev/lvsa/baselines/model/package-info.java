/**
 * The model geometry registry: per video diffusion model, the VAE's temporal and spatial factors, the patch size,
 * the default resolution, the training horizon in latent frames, the text tokens that join self-attention and the
 * transformer sizes used for FLOP counting. {@link dev.lvsa.baselines.model.ModelRegistry} holds the built-in models
 * and reads the worker's tiny presets from {@code contracts/models/tiny-models.json};
 * {@link dev.lvsa.baselines.model.Geometry} is one job's validated geometry (frames, resolution, tokens per frame).
 */
package dev.lvsa.baselines.model;
