package dev.lvsa.runner.schedule;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a run did.
 *
 * @param statuses   final status -> count, over the jobs this run was asked to run
 * @param unfinished jobs left pending (no worker could run them)
 * @param problem    why jobs were left unfinished, or null
 */
public record RunSummary(Map<String, Integer> statuses, int unfinished, String problem) {
    public RunSummary {
        statuses = new TreeMap<>(statuses);
    }

    public int count(String status) {
        return statuses.getOrDefault(status, 0);
    }
}
