/**
 * Root package of the datasets module: prompt sets, external video manifests and the labelled synthetic
 * video generator ({@code dev.lvsa.datasets.synthetic}) used to validate VQeval.
 */
package dev.lvsa.datasets;
