/** Root package of the reports module. */
package dev.lvsa.reports;
