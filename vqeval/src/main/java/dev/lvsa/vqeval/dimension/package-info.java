/**
 * The built-in dimensions, one class each, registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/dev.lvsa.vqeval.api.Dimension}: loop_quality, temporal_dynamics,
 * frame_similarity, spatial_quality and temporal_coherence. Each maps raw metrics to 0-100 through
 * normalisation ranges a preset may override.
 */
package dev.lvsa.vqeval.dimension;
