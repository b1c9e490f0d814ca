/**
 * The HTML report of {@code vqeval batch}: {@link dev.lvsa.reports.vqeval.BatchReportRenderer} implements
 * VQeval's {@link dev.lvsa.vqeval.api.BatchHtmlRenderer} service (registered in META-INF/services), so that
 * batch finds it whenever this module is on the class path; the page is built with the same page builder,
 * look and charts as the run report.
 */
package dev.lvsa.reports.vqeval;
