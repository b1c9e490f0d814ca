package dev.lvsa.baselines.plan;

/** {@code {"kind": "dense"}}: the model's own dense self-attention. */
public record DenseMask() implements PlanMask {}
