/**
 * Prompt sets: named lists of text prompts with stable ids, shipped as YAML resources under
 * {@code dev/lvsa/datasets/prompts/<name>.yaml} ({@link dev.lvsa.datasets.prompts.PromptSets} loads them) or read
 * from a user's own YAML file in the same format.
 */
package dev.lvsa.datasets.prompts;
