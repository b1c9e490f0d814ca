package dev.lvsa.reports.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A run's jobs grouped into cells of model x method x horizon. The grid is the product of the models,
 * methods and (per model) horizons the run has; a combination without any job is a missing cell.
 * Methods come in the paper's order (dense, RIFLEx, UltraViCo, LVSA), then others as first seen.
 */
public final class RunGrid {

    /** Known methods in display order; user-defined patterns follow. */
    public static final List<String> METHOD_ORDER = List.of("dense", "riflex", "ultravico", "lvsa");

    private final List<JobRecord> jobs;
    private final Map<CellKey, CellStats> cells = new LinkedHashMap<>();
    private final List<String> models = new ArrayList<>();
    private final List<String> methods;
    private final Map<String, List<Horizon>> horizons = new LinkedHashMap<>();

    public RunGrid(List<JobRecord> jobs) {
        this.jobs = Collections.unmodifiableList(new ArrayList<>(jobs));
        Map<CellKey, List<JobRecord>> grouped = new LinkedHashMap<>();
        Set<String> seenMethods = new LinkedHashSet<>();
        Map<String, Set<Horizon>> h = new LinkedHashMap<>();
        for (JobRecord j : jobs) {
            grouped.computeIfAbsent(new CellKey(j.model(), j.method(), j.horizon()), k -> new ArrayList<>())
                    .add(j);
            if (!models.contains(j.model())) {
                models.add(j.model());
            }
            seenMethods.add(j.method());
            h.computeIfAbsent(j.model(), k -> new TreeSet<>()).add(j.horizon());
        }
        grouped.forEach((k, v) -> cells.put(k, new CellStats(k, v)));
        List<String> ordered = new ArrayList<>();
        for (String m : METHOD_ORDER) {
            if (seenMethods.contains(m)) {
                ordered.add(m);
            }
        }
        for (String m : seenMethods) {
            if (!ordered.contains(m)) {
                ordered.add(m);
            }
        }
        this.methods = Collections.unmodifiableList(ordered);
        h.forEach((m, set) -> horizons.put(m, List.copyOf(set)));
    }

    public List<JobRecord> jobs() {
        return jobs;
    }

    /** Models in the order the export first names them. */
    public List<String> models() {
        return Collections.unmodifiableList(models);
    }

    public List<String> methods() {
        return methods;
    }

    public boolean hasMethod(String method) {
        return methods.contains(method);
    }

    /** The horizons run for a model, ascending. */
    public List<Horizon> horizons(String model) {
        return horizons.getOrDefault(model, List.of());
    }

    /** The cell's jobs, empty for a missing cell. */
    public Optional<CellStats> cell(String model, String method, Horizon horizon) {
        return Optional.ofNullable(cells.get(new CellKey(model, method, horizon)));
    }

    public Map<CellKey, CellStats> cells() {
        return Collections.unmodifiableMap(cells);
    }

    /** Video frames at a model's horizon (most common over its cells), or -1 when no job says. */
    public int frames(String model, Horizon horizon) {
        Map<Integer, Integer> seen = new LinkedHashMap<>();
        for (String m : methods) {
            cell(model, m, horizon).ifPresent(c -> {
                if (c.frames() > 0) {
                    seen.merge(c.frames(), c.total(), Integer::sum);
                }
            });
        }
        return seen.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(-1);
    }

    /** Distinct values of a numeric column over all jobs (e.g. steps), ascending. */
    public Set<Double> distinct(String column) {
        Set<Double> s = new TreeSet<>();
        for (JobRecord j : jobs) {
            double v = j.number(column);
            if (!Double.isNaN(v)) {
                s.add(v);
            }
        }
        return s;
    }

    /** Jobs by status, for the summary. */
    public Map<JobStatus, Integer> statusCounts() {
        Map<JobStatus, Integer> m = new LinkedHashMap<>();
        for (JobStatus s : JobStatus.values()) {
            int n = (int) jobs.stream().filter(j -> j.status() == s).count();
            if (n > 0) {
                m.put(s, n);
            }
        }
        return m;
    }
}
