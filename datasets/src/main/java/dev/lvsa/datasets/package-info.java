/** Root package of the datasets module. */
package dev.lvsa.datasets;
