/**
 * The Slurm executor: instead of local workers, {@link dev.lvsa.runner.slurm.SlurmExecutor} writes one request file
 * per job ({@code RUN_DIR/slurm/tasks/<seq>.json}), a generic job-array script and a small task driver, and submits
 * the array with {@code sbatch} (found on PATH, run with an argument list). Each array task runs the same worker
 * ({@code python -m lvsa_worker generate}) on a cluster node and writes its result to
 * {@code RUN_DIR/slurm/results/<job_id>.json} atomically; nodes never open the SQLite ledger (SQLite over NFS is
 * unsafe). {@link dev.lvsa.runner.slurm.ResultCollector} later ingests those files into the ledger.
 */
package dev.lvsa.runner.slurm;
