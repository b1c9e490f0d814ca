package dev.lvsa.baselines.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The plan's {@code mask}: {@link DenseMask} or {@link FrameBlocksMask}, told apart by {@code kind}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DenseMask.class, name = "dense"),
    @JsonSubTypes.Type(value = FrameBlocksMask.class, name = "frame_blocks")
})
public sealed interface PlanMask permits DenseMask, FrameBlocksMask {}
