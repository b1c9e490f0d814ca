/**
 * The model geometry registry: per video diffusion model, the VAE's temporal and spatial factors, the patch size,
 * the default resolution, the training horizon in latent frames, the text tokens that join self-attention and the
 * transformer sizes used for FLOP counting. {@link dev.lvsa.baselines.model.ModelRegistry} reads the real models
 * from {@code contracts/models/real-models.json} and the worker's tiny presets from
 * {@code contracts/models/tiny-models.json} (files the Python worker reads too);
 * {@link dev.lvsa.baselines.model.Geometry} is one job's validated geometry (frames, resolution, tokens per frame).
 */
package dev.lvsa.baselines.model;
