/** Root package of the lvsa-runner module. */
package dev.lvsa.runner;
