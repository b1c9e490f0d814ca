/**
 * Attention methods for long-video diffusion: dense, RIFLEx, UltraViCo, LVSA and user-composed sparsity patterns,
 * their analysis (density, FLOPs, coverage), regression checks and the attention plan written for the Python worker.
 *
 * <p>This root package holds {@link dev.lvsa.baselines.ContractFiles} (reads the files of {@code contracts/} shared
 * with the worker). A user's mistake is a {@link dev.lvsa.common.BadInputException} (exit code 2 in the CLI); files
 * are written through {@link dev.lvsa.common.AtomicFiles}; both come from toolkit-common, the one module this one
 * depends on. Sub-packages: {@code model} (geometry registry), {@code pattern} (frame masks and pattern parts),
 * {@code method} (methods that produce a plan), {@code analysis}, {@code check}, {@code plan} (the attention-plan
 * contract) and {@code cli}.
 */
package dev.lvsa.baselines;
