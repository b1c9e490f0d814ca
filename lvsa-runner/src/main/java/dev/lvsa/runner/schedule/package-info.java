/**
 * Running jobs on workers: {@link dev.lvsa.runner.schedule.Scheduler} keeps a queue of the grid's unfinished jobs
 * and one thread per worker. Failures are data: an out-of-memory job is recorded as {@code oom} and the grid goes
 * on; a worker that crashes or stays silent past the job's timeout (plus grace) is killed and restarted, and the job
 * retried up to {@code retries} times, then recorded as {@code error} (crashes) or {@code timeout} (hangs). Every
 * finished video is scored on a separate thread, so workers keep generating meanwhile.
 * {@link dev.lvsa.runner.schedule.JobRequests} builds the worker's job object (shared with the Slurm executor).
 */
package dev.lvsa.runner.schedule;
