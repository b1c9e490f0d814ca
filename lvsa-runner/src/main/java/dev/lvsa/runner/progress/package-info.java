/**
 * What a run tells the user while it works: {@link dev.lvsa.runner.progress.RunListener} receives the scheduler's
 * events; {@link dev.lvsa.runner.progress.ProgressBar} draws jobs done/total, the current jobs' denoising steps,
 * elapsed time and time left on stderr (a redrawn bar on a terminal, plain lines otherwise).
 */
package dev.lvsa.runner.progress;
