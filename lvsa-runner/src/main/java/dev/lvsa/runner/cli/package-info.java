/**
 * The {@code lvsa-runner} command line: {@link dev.lvsa.runner.cli.RunnerCli} is a thin picocli top command whose
 * subcommands ({@code pattern}, {@code run}, {@code status}, {@code export}, {@code collect}) are all registered in
 * its {@code @Command(subcommands = ...)} list, and which installs the toolkit's exit-code mapping
 * ({@link dev.lvsa.common.CliErrors}) once for all of them. One class per command.
 */
package dev.lvsa.runner.cli;
