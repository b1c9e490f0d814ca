package dev.lvsa.runner.export;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's state from its table: counts per state, a table per model x method variant x horizon (jobs, ok, failed,
 * mean time, mean composite score) and every failure with its message.
 */
public final class StatusReport {
    private static final List<String> STATES =
            List.of("ok", "oom", "error", "timeout", "running", "submitted", "pending");

    private final String experiment;
    private final List<Map<String, Object>> rows;

    public StatusReport(String experiment, List<Map<String, Object>> rows) {
        this.experiment = experiment;
        this.rows = rows;
    }

    /** State -> job count (every state listed, zeros included). */
    public Map<String, Integer> counts() {
        Map<String, Integer> c = new LinkedHashMap<>();
        STATES.forEach(s -> c.put(s, 0));
        for (Map<String, Object> r : rows) {
            c.merge((String) r.get("status"), 1, Integer::sum);
        }
        return c;
    }

    /** One entry per model, variant and horizon, in ledger order. */
    public List<Map<String, Object>> groups() {
        Map<String, Map<String, Object>> g = new LinkedHashMap<>();
        Map<String, double[]> sums = new TreeMap<>();
        for (Map<String, Object> r : rows) {
            String key = r.get("model") + "\u0000" + r.get("variant") + "\u0000" + r.get("horizon");
            Map<String, Object> e = g.computeIfAbsent(key, k -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", r.get("model"));
                m.put("method", r.get("variant"));
                m.put("horizon", r.get("horizon"));
                m.put("frames", r.get("frames"));
                m.put("jobs", 0);
                m.put("ok", 0);
                m.put("failed", 0);
                return m;
            });
            e.merge("jobs", 1, (a, b) -> (Integer) a + (Integer) b);
            String status = (String) r.get("status");
            if (status.equals("ok")) {
                e.merge("ok", 1, (a, b) -> (Integer) a + (Integer) b);
            } else if (!status.equals("pending") && !status.equals("running") && !status.equals("submitted")) {
                e.merge("failed", 1, (a, b) -> (Integer) a + (Integer) b);
            }
            double[] s = sums.computeIfAbsent(key, k -> new double[4]);
            if (status.equals("ok") && r.get("total_s") instanceof Number t) {
                s[0] += t.doubleValue();
                s[1]++;
            }
            if (r.get("composite_score") instanceof Number c) {
                s[2] += c.doubleValue();
                s[3]++;
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : g.entrySet()) {
            double[] s = sums.get(e.getKey());
            e.getValue().put("mean_total_s", s[1] > 0 ? s[0] / s[1] : null);
            e.getValue().put("mean_composite_score", s[3] > 0 ? s[2] / s[3] : null);
            out.add(e.getValue());
        }
        return out;
    }

    /** Jobs that did not end ok (final failures) or whose scoring failed. */
    public List<Map<String, Object>> failures() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            String status = (String) r.get("status");
            boolean failed = status.equals("oom") || status.equals("error") || status.equals("timeout");
            boolean scoreFailed = "error".equals(r.get("score_status"));
            if (failed || scoreFailed) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("job_id", r.get("job_id"));
                f.put(
                        "job",
                        r.get("model") + " " + r.get("variant") + " " + r.get("frames") + "f " + r.get("prompt_id")
                                + " s" + r.get("seed"));
                f.put("status", failed ? status : "scoring error");
                f.put("attempts", r.get("attempts"));
                f.put("message", failed ? r.get("message") : r.get("score_message"));
                out.add(f);
            }
        }
        return out;
    }

    /** Everything, for {@code status --json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", experiment);
        m.put("jobs", rows.size());
        m.put("counts", counts());
        m.put("groups", groups());
        m.put("failures", failures());
        return m;
    }

    public void printText(PrintWriter out) {
        out.printf(Locale.ROOT, "experiment %s: %d jobs%n", experiment == null ? "?" : experiment, rows.size());
        StringBuilder c = new StringBuilder();
        counts().forEach((k, v) -> {
            if (v > 0 || k.equals("ok")) {
                c.append(c.length() > 0 ? ", " : "").append(k).append(' ').append(v);
            }
        });
        out.println("  " + c);
        List<Map<String, Object>> groups = groups();
        int w = "method".length();
        for (Map<String, Object> g : groups) {
            w = Math.max(w, String.valueOf(g.get("method")).length());
        }
        int mw = "model".length();
        for (Map<String, Object> g : groups) {
            mw = Math.max(mw, String.valueOf(g.get("model")).length());
        }
        String fmt = "  %-" + mw + "s  %-" + w + "s  %7s  %6s  %4s  %4s  %6s  %12s  %9s%n";
        out.printf(
                Locale.ROOT,
                fmt,
                "model",
                "method",
                "horizon",
                "frames",
                "jobs",
                "ok",
                "failed",
                "mean total_s",
                "composite");
        for (Map<String, Object> g : groups) {
            out.printf(
                    Locale.ROOT,
                    fmt,
                    g.get("model"),
                    g.get("method"),
                    g.get("horizon"),
                    g.get("frames"),
                    g.get("jobs"),
                    g.get("ok"),
                    g.get("failed"),
                    num(g.get("mean_total_s"), 2),
                    num(g.get("mean_composite_score"), 1));
        }
        List<Map<String, Object>> failures = failures();
        if (!failures.isEmpty()) {
            out.println("failures:");
            for (Map<String, Object> f : failures) {
                out.printf(
                        Locale.ROOT,
                        "  %s: %s after %s attempt(s): %s%n",
                        f.get("job"),
                        f.get("status"),
                        f.get("attempts"),
                        f.get("message"));
            }
        }
        out.flush();
    }

    private static String num(Object v, int decimals) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%." + decimals + "f", n.doubleValue()) : "-";
    }
}
