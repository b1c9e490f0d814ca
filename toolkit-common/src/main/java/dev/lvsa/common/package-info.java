/**
 * The command-line plumbing every module of the toolkit shares, kept here once: {@link dev.lvsa.common.AtomicFiles}
 * (every output file is written through a temporary file, fsync and an atomic move),
 * {@link dev.lvsa.common.ExitCodes} (the documented exit codes), {@link dev.lvsa.common.BadInputException} (a
 * user's mistake, one line, exit 2), {@link dev.lvsa.common.VersionProvider} with
 * {@link dev.lvsa.common.ToolkitVersion} ({@code --version} of every command) and
 * {@link dev.lvsa.common.CliErrors} (the one place where a command's exceptions become one-line messages and exit
 * codes). This module depends on picocli only, so that vqeval and baselines can use it and still depend on nothing
 * else of ours.
 */
package dev.lvsa.common;
