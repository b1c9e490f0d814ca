/** Root package of the baselines module. */
package dev.lvsa.baselines;
