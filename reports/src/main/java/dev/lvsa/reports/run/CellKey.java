package dev.lvsa.reports.run;

/** One cell of a run's grid: a model, a method and a horizon. */
public record CellKey(String model, String method, Horizon horizon) {}
