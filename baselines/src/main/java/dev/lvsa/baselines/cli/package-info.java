/**
 * The {@code pattern} command line (picocli): {@link dev.lvsa.baselines.cli.PatternCommand} with the subcommands
 * {@code models}, {@code show}, {@code analyze}, {@code check} and {@code plan}, and their shared option mixins.
 * Exit codes, one-line messages and {@code --version} come from toolkit-common ({@link dev.lvsa.common.CliErrors},
 * {@link dev.lvsa.common.ExitCodes}, {@link dev.lvsa.common.VersionProvider}), as for every CLI of the toolkit.
 * {@code lvsa-runner}'s top command registers {@code pattern} and installs the same mapping.
 */
package dev.lvsa.baselines.cli;
