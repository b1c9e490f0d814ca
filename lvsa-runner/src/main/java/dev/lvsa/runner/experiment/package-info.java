/**
 * Experiment files and their grids: {@link dev.lvsa.runner.experiment.ExperimentLoader} reads the YAML file into a
 * validated {@link dev.lvsa.runner.experiment.Experiment} (one clear error per mistake, naming the file and the
 * key), and {@link dev.lvsa.runner.experiment.GridExpander} turns it into {@link dev.lvsa.runner.experiment.JobSpec}s:
 * model x method variant x frames x prompt x seed. A job's id is a stable hash of what determines its video, so
 * running the same file again finds the same jobs. {@link dev.lvsa.runner.experiment.PlanWriter} writes each job's
 * attention plan through {@code baselines}.
 */
package dev.lvsa.runner.experiment;
