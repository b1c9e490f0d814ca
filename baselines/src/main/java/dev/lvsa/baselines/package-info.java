/**
 * Attention methods for long-video diffusion: dense, RIFLEx, UltraViCo, LVSA and user-composed sparsity patterns,
 * their analysis (density, FLOPs, coverage), regression checks and the attention plan written for the Python worker.
 *
 * <p>This root package holds the few types every sub-package shares: {@link dev.lvsa.baselines.BadInputException}
 * (a user's mistake, mapped to exit code 2 by the CLI), {@link dev.lvsa.baselines.ToolkitVersion} and
 * {@link dev.lvsa.baselines.ContractFiles} (reads the files of {@code contracts/} shared with the worker).
 * Sub-packages: {@code model} (geometry registry), {@code pattern} (frame masks and pattern parts), {@code method}
 * (methods that produce a plan), {@code analysis}, {@code check}, {@code plan} (the attention-plan contract),
 * {@code io} and {@code cli}.
 */
package dev.lvsa.baselines;
