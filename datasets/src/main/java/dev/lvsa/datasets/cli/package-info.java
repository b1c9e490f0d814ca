/** The {@code lvsa-datasets} command line (picocli); {@code synth} writes the labelled synthetic set. */
package dev.lvsa.datasets.cli;
