/**
 * The {@code pattern} command line (picocli): {@link dev.lvsa.baselines.cli.PatternCommand} with the subcommands
 * {@code models}, {@code show}, {@code analyze}, {@code check} and {@code plan}, their shared option mixins, and
 * {@link dev.lvsa.baselines.cli.ExitCodes}, the one place where exceptions become exit codes (0 ok, 1 failure,
 * 2 usage or bad input, 3 partial batch) and one-line messages. {@code lvsa-runner}'s top command registers
 * {@code pattern} and installs the same mapping.
 */
package dev.lvsa.baselines.cli;
