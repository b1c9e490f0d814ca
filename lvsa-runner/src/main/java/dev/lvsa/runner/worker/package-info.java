/**
 * Worker processes: {@link dev.lvsa.runner.worker.WorkerProcess} starts {@code python -m lvsa_worker serve} with an
 * argument list (never a shell), waits for its ready line (refusing another protocol version:
 * {@link dev.lvsa.runner.worker.WorkerProtocol}), sends JSON-lines requests with an id and a watchdog,
 * reads progress and result lines, keeps the last few KB of its output for messages, and kills it (with its child
 * processes) on timeout or death. {@link dev.lvsa.runner.worker.WorkerLaunch} says how to start one,
 * {@link dev.lvsa.runner.worker.Devices} how many (one per visible accelerator, or one on CPU), and
 * {@link dev.lvsa.runner.worker.Reaper} makes sure none outlives the runner.
 */
package dev.lvsa.runner.worker;
