/** Root package of the vqeval module. */
package dev.lvsa.vqeval;
