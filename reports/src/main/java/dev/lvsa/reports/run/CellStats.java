package dev.lvsa.reports.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The jobs of one grid cell and what they add up to: counts by status and, for any numeric column, the
 * mean over the cell's successful jobs that have a value there.
 */
public final class CellStats {

    /** What a cell shows when it has no successful job. */
    public enum State {
        /** at least one job succeeded */
        RESULTS,
        /** no success; at least one job ran out of memory */
        OOM,
        /** no success, no OOM; at least one job failed (error, timeout or an unknown status) */
        FAILED,
        /** every job is still pending */
        PENDING
    }

    private final CellKey key;
    private final List<JobRecord> jobs;
    private final Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);

    public CellStats(CellKey key, List<JobRecord> jobs) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("a cell needs at least one job: " + key);
        }
        this.key = key;
        this.jobs = Collections.unmodifiableList(new ArrayList<>(jobs));
        for (JobRecord j : jobs) {
            counts.merge(j.status(), 1, Integer::sum);
        }
    }

    public CellKey key() {
        return key;
    }

    public List<JobRecord> jobs() {
        return jobs;
    }

    public int total() {
        return jobs.size();
    }

    public int count(JobStatus s) {
        return counts.getOrDefault(s, 0);
    }

    public int ok() {
        return count(JobStatus.OK);
    }

    public State state() {
        if (ok() > 0) {
            return State.RESULTS;
        }
        if (count(JobStatus.OOM) > 0) {
            return State.OOM;
        }
        if (count(JobStatus.ERROR) + count(JobStatus.TIMEOUT) + count(JobStatus.OTHER) > 0) {
            return State.FAILED;
        }
        return State.PENDING;
    }

    /** The failure word shown for a FAILED cell: {@code error}, {@code timeout}, or {@code failed} for a mix. */
    public String failureWord() {
        Set<String> words = new LinkedHashSet<>();
        for (JobRecord j : jobs) {
            if (j.status() == JobStatus.ERROR || j.status() == JobStatus.TIMEOUT) {
                words.add(j.status().word());
            } else if (j.status() == JobStatus.OTHER) {
                words.add(j.statusText().isBlank() ? "failed" : j.statusText());
            }
        }
        return words.size() == 1 ? words.iterator().next() : "failed";
    }

    /** Mean of a numeric column over successful jobs with a value; NaN when none has one. */
    public double mean(String column) {
        double sum = 0;
        int n = 0;
        for (JobRecord j : jobs) {
            double v = j.number(column);
            if (j.ok() && !Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Successful jobs with a value in the column. */
    public int counted(String column) {
        int n = 0;
        for (JobRecord j : jobs) {
            if (j.ok() && !Double.isNaN(j.number(column))) {
                n++;
            }
        }
        return n;
    }

    /** Video frames of the cell's jobs (the most common value), or -1 when no job says. */
    public int frames() {
        Map<Integer, Integer> seen = new LinkedHashMap<>();
        for (JobRecord j : jobs) {
            if (j.frames() > 0) {
                seen.merge(j.frames(), 1, Integer::sum);
            }
        }
        return seen.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(-1);
    }

    /** Distinct backends the cell's successful jobs used (all jobs' when none succeeded), non-empty ones only. */
    public Set<String> backends() {
        Set<String> s = new LinkedHashSet<>();
        for (JobRecord j : jobs) {
            if ((j.ok() || ok() == 0) && !j.backend().isBlank()) {
                s.add(j.backend());
            }
        }
        return s;
    }

    /** {@code ok/total}, e.g. {@code 3/5}. */
    public String jobsLabel() {
        return ok() + "/" + total();
    }
}
