package dev.lvsa.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.reports.ReportInput;
import dev.lvsa.reports.ReportOutput;
import dev.lvsa.reports.ReportWriter;
import dev.lvsa.reports.run.ExportCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every piece of user text reaches the HTML escaped: prompts, paths, model names, messages, the run name. */
class HtmlEscapingTest {

    @Test
    void theFiveSpecialCharactersBecomeReferences() {
        assertThat(Html.escape("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Html.escape("a&b \"q\" 'x'")).isEqualTo("a&amp;b &quot;q&quot; &#39;x&#39;");
        assertThat(Html.escape("bell\u0007")).isEqualTo("bell\uFFFD");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("déjà vu — ok\n")).isEqualTo("déjà vu — ok\n");
    }

    @Property
    void escapedTextNeverOpensATagOrLeavesAnAttribute(@ForAll String text) {
        String e = Html.escape(text);
        assertThat(e).doesNotContain("<", ">", "\"", "'");
        String back = e.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
        assertThat(back).hasSameSizeAs(text);
    }

    @Test
    void aHostileRunReportsItsTextButRunsNothing(@TempDir Path dir) throws Exception {
        String csv = "job_id,model,method,horizon,frames,status,total_s,video,prompt,message\n"
                + "j1,<b>evil-model</b>,lvsa,1x,81,ok,2.0,\"videos/a&b \"\"q\"\" 'x'.mp4\",\"<script>alert(1)</script>\",\n"
                + "j2,<b>evil-model</b>,dense,1x,81,error,,,\"<img src=x onerror=alert(2)>\",\"failed: <iframe> & \"\"quotes\"\"\"\n";
        ExportCsv.Result export = ExportCsv.parse(csv, "hostile.csv");
        ReportOutput o = ReportWriter.write(
                ReportInput.builder()
                        .jobs(export.jobs())
                        .runName("<i>run</i> & \"co\"")
                        .source("exports/a&b.csv")
                        .maxHeatmaps(4)
                        .build(),
                dir.resolve("out"));
        String html = Files.readString(o.html());
        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("<iframe")
                .doesNotContain("<img src=x")
                .doesNotContain("<b>evil")
                .doesNotContain("<i>run");
        assertThat(html)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;b&gt;evil-model&lt;/b&gt;")
                .contains("videos/a&amp;b &quot;q&quot; &#39;x&#39;.mp4")
                .contains("failed: &lt;iframe&gt; &amp; &quot;quotes&quot;")
                .contains("&lt;i&gt;run&lt;/i&gt; &amp; &quot;co&quot;")
                .contains("exports/a&amp;b.csv");
        // the model name also names chart files: made safe, and linked by that safe name
        assertThat(dir.resolve("out/charts/latency_scaling_b_evil-model_b.png")).isRegularFile();
    }
}
