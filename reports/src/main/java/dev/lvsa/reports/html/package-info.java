/**
 * The HTML look shared by every report: one escaping helper ({@link dev.lvsa.reports.html.Html}) and a page
 * builder ({@link dev.lvsa.reports.html.HtmlPage}: inline CSS, figures embedded as base64 PNG, tables with
 * grouped headings and marked cells, links to the files beside the page), whose tables are drawn by
 * {@code HtmlTable}. The run report and the VQeval batch report are both built with it.
 */
package dev.lvsa.reports.html;
