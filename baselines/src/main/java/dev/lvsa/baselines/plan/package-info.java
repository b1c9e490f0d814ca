/**
 * The attention plan, the one contract between Java and the Python worker: its record types
 * ({@link dev.lvsa.baselines.plan.AttentionPlan} and parts), the JSON writer/reader
 * ({@link dev.lvsa.baselines.plan.PlanJson}), validation against the versioned JSON Schema kept in
 * {@code contracts/attention-plan/v1/} ({@link dev.lvsa.baselines.plan.PlanSchema}) and the semantic rules the
 * schema cannot state ({@link dev.lvsa.baselines.plan.PlanValidator}). Nothing here knows how a plan is made:
 * see {@code dev.lvsa.baselines.method}.
 */
package dev.lvsa.baselines.plan;
