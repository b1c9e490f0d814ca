/**
 * Published reference figures: the LVSA paper's per-cell means ({@link dev.lvsa.datasets.reference.PaperMeans}),
 * loaded from the data files under {@code resources/dev/lvsa/datasets/reference/} (source and licence in
 * their README), with the paper's model, method and horizon names mapped to the toolkit's.
 */
package dev.lvsa.datasets.reference;
