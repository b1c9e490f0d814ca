package dev.lvsa.reports.html;

import dev.lvsa.reports.chart.ChartImage;
import dev.lvsa.reports.table.Cell;
import dev.lvsa.reports.table.ReportTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Builds one self-contained HTML page in the reports' look: a header with facts, a table of contents,
 * sections with text, tables and figures (PNG embedded as base64, links to the PNG/SVG/CSV/MD files beside
 * the page). Every text argument is escaped here; callers never write markup.
 */
public final class HtmlPage {

    private static final String CSS = css();

    private final String title;
    private final Path baseDir;
    private final StringBuilder body = new StringBuilder();
    private final List<String[]> sections = new ArrayList<>();
    private boolean inSection;

    /**
     * @param title the page title
     * @param baseDir the folder the page is written to: links to files beside it are relative to it
     */
    public HtmlPage(String title, Path baseDir) {
        this.title = title;
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    /** The page header: title, a subtitle line and a list of facts (name: value). */
    public HtmlPage header(String subtitle, Map<String, String> facts) {
        body.append("<header>\n<h1>").append(Html.escape(title)).append("</h1>\n");
        if (subtitle != null && !subtitle.isBlank()) {
            body.append("<p class=\"subtitle\">").append(Html.escape(subtitle)).append("</p>\n");
        }
        definitions(facts, "facts");
        body.append("</header>\n");
        return this;
    }

    /** Starts a section (closing the previous one); it appears in the table of contents. */
    public HtmlPage section(String id, String heading) {
        closeSection();
        sections.add(new String[] {id, heading});
        body.append("<section id=\"")
                .append(Html.escape(id))
                .append("\">\n<h2>")
                .append(Html.escape(heading))
                .append("</h2>\n");
        inSection = true;
        return this;
    }

    public HtmlPage subheading(String text) {
        body.append("<h3>").append(Html.escape(text)).append("</h3>\n");
        return this;
    }

    public HtmlPage paragraph(String text) {
        body.append("<p>").append(Html.escape(text)).append("</p>\n");
        return this;
    }

    /** A muted explanatory line. */
    public HtmlPage note(String text) {
        body.append("<p class=\"note\">").append(Html.escape(text)).append("</p>\n");
        return this;
    }

    /** A highlighted warning box with one line per item. */
    public HtmlPage warnings(String heading, List<String> items) {
        if (items.isEmpty()) {
            return this;
        }
        body.append("<div class=\"warn\"><strong>").append(Html.escape(heading)).append("</strong>\n<ul>\n");
        for (String s : items) {
            body.append("<li>").append(Html.escape(s)).append("</li>\n");
        }
        body.append("</ul></div>\n");
        return this;
    }

    public HtmlPage bullets(List<String> items) {
        body.append("<ul>\n");
        for (String s : items) {
            body.append("<li>").append(Html.escape(s)).append("</li>\n");
        }
        body.append("</ul>\n");
        return this;
    }

    /** A name: value list. */
    public HtmlPage definitions(Map<String, String> facts, String cssClass) {
        if (facts.isEmpty()) {
            return this;
        }
        body.append("<dl class=\"").append(Html.escape(cssClass)).append("\">\n");
        facts.forEach((k, v) -> body.append("<div><dt>")
                .append(Html.escape(k))
                .append("</dt><dd>")
                .append(Html.escape(v))
                .append("</dd></div>\n"));
        body.append("</dl>\n");
        return this;
    }

    /** The legend of cell marks used by the tables. */
    public HtmlPage legend() {
        body.append("<p class=\"legend\"><span class=\"c-missing\">")
                .append(Html.escape(Cell.MISSING_MARK))
                .append("</span> no result in this run &#183; <span class=\"c-na\">")
                .append(Html.escape(Cell.NA_MARK))
                .append("</span> no published figure, or the baseline was not run &#183; <span class=\"c-oom\">")
                .append(Html.escape(Cell.OOM_MARK))
                .append(
                        "</span> out of memory &#183; <span class=\"c-failed\">error"
                                + "</span> / <span class=\"c-failed\">timeout</span> the jobs failed &#183; <span class=\"c-pending\">")
                .append(Html.escape(Cell.PENDING_MARK))
                .append("</span> not run yet &#183; ratio = this run / paper</p>\n");
        return this;
    }

    /** A table with grouped headings, its caption, notes and links to its CSV and Markdown files. */
    public HtmlPage table(ReportTable t, Path csv, Path md) {
        body.append("<figure class=\"table\" id=\"t-")
                .append(Html.escape(t.id()))
                .append("\">\n");
        body.append("<figcaption><strong>").append(Html.escape(t.title())).append("</strong>");
        if (!t.caption().isBlank()) {
            body.append(" ").append(Html.escape(t.caption()));
        }
        fileLinks(csv, md);
        body.append("</figcaption>\n");
        HtmlTable.append(body, t);
        body.append("</figure>\n");
        return this;
    }

    /** Figures side by side (they wrap on narrow screens). */
    public HtmlPage figures(List<ChartImage> images, String cssClass) {
        if (images.isEmpty()) {
            return this;
        }
        body.append("<div class=\"figures ").append(Html.escape(cssClass)).append("\">\n");
        for (ChartImage img : images) {
            figure(img, img.caption());
        }
        body.append("</div>\n");
        return this;
    }

    /** One figure: the PNG embedded, a caption, links to its PNG and SVG files. */
    public HtmlPage figure(ChartImage img, String caption) {
        body.append("<figure class=\"chart\">\n<img alt=\"")
                .append(Html.escape(img.title()))
                .append("\" width=\"")
                .append(img.width())
                .append("\" height=\"")
                .append(img.height())
                .append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(img.pngBytes()))
                .append("\">\n<figcaption>");
        if (caption != null && !caption.isBlank()) {
            body.append(Html.escape(caption)).append(' ');
        }
        fileLinks(img.png(), img.svg());
        body.append("</figcaption>\n</figure>\n");
        return this;
    }

    /** Opens a block of figures side by side; add them with {@link #figure}, close with {@link #closeFigures()}. */
    public HtmlPage openFigures(String cssClass) {
        body.append("<div class=\"figures ").append(Html.escape(cssClass)).append("\">\n");
        return this;
    }

    public HtmlPage closeFigures() {
        body.append("</div>\n");
        return this;
    }

    /** Opens a bordered card with a heading (close it with {@link #closeCard()}). */
    public HtmlPage openCard(String heading, String id) {
        body.append("<div class=\"card\"")
                .append(id == null ? "" : " id=\"" + Html.escape(id) + "\"")
                .append("><h3>")
                .append(Html.escape(heading))
                .append("</h3>\n");
        return this;
    }

    public HtmlPage closeCard() {
        body.append("</div>\n");
        return this;
    }

    /** Says why a chart is not there. */
    public HtmlPage noFigure(String why) {
        body.append("<p class=\"nofig\">").append(Html.escape(why)).append("</p>\n");
        return this;
    }

    /** A collapsed block: the summary line shows, the content (added by {@code content}) opens on click. */
    public HtmlPage details(String summary, Runnable content) {
        body.append("<details><summary>").append(Html.escape(summary)).append("</summary>\n");
        content.run();
        body.append("</details>\n");
        return this;
    }

    /** Links to files written beside the page, by path relative to it. */
    public HtmlPage fileList(List<Path> files) {
        body.append("<ul class=\"files\">\n");
        for (Path f : files) {
            String rel = relative(f);
            body.append("<li><a href=\"")
                    .append(Html.escape(rel))
                    .append("\">")
                    .append(Html.escape(rel))
                    .append("</a></li>\n");
        }
        body.append("</ul>\n");
        return this;
    }

    /** The whole page. */
    public String render() {
        closeSection();
        StringBuilder sb = new StringBuilder(body.length() + CSS.length() + 4096);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(Html.escape(title))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
        int headerEnd = body.indexOf("</header>\n");
        int split = headerEnd < 0 ? 0 : headerEnd + "</header>\n".length();
        sb.append(body, 0, split);
        if (!sections.isEmpty()) {
            sb.append("<nav class=\"toc\"><strong>Contents</strong><ol>\n");
            for (String[] s : sections) {
                sb.append("<li><a href=\"#")
                        .append(Html.escape(s[0]))
                        .append("\">")
                        .append(Html.escape(s[1]))
                        .append("</a></li>\n");
            }
            sb.append("</ol></nav>\n");
        }
        sb.append(body, split, body.length());
        sb.append("</main>\n</body>\n</html>\n");
        return sb.toString();
    }

    private void closeSection() {
        if (inSection) {
            body.append("</section>\n");
            inSection = false;
        }
    }

    private void fileLinks(Path a, Path b) {
        List<Path> files = new ArrayList<>();
        if (a != null) {
            files.add(a);
        }
        if (b != null) {
            files.add(b);
        }
        if (files.isEmpty()) {
            return;
        }
        body.append("<span class=\"links\">");
        for (Path f : files) {
            String rel = relative(f);
            String name = f.getFileName().toString();
            String ext = name.contains(".")
                    ? name.substring(name.lastIndexOf('.') + 1).toUpperCase(java.util.Locale.ROOT)
                    : name;
            body.append(" <a href=\"")
                    .append(Html.escape(rel))
                    .append("\">")
                    .append(Html.escape(ext))
                    .append("</a>");
        }
        body.append("</span>");
    }

    private String relative(Path f) {
        Path abs = f.toAbsolutePath().normalize();
        String rel = abs.startsWith(baseDir) ? baseDir.relativize(abs).toString() : abs.toString();
        return rel.replace('\\', '/');
    }

    private static String css() {
        try (InputStream in = HtmlPage.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the reports jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
