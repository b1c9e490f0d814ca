package dev.lvsa.reports.run;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which videos of a run get a self-similarity heatmap: successful jobs with a video file that exists,
 * taken round-robin over the grid's cells (model, horizon, method order) so that a capped selection shows
 * every cell once before any cell twice.
 */
public final class VideoSelection {

    /** A chosen video: its job and where the file is. */
    public record Chosen(JobRecord job, Path file) {}

    /**
     * @param chosen the videos to draw, in report order
     * @param notFound videos named by successful jobs whose file does not exist (path as written)
     * @param leftOut videos that exist but were over the cap
     */
    public record Result(List<Chosen> chosen, List<String> notFound, int leftOut) {}

    private VideoSelection() {}

    /**
     * @param runDir base of relative paths, or null for the working directory
     */
    public static Result select(RunGrid grid, int max, Path runDir) {
        List<List<Chosen>> perCell = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        for (String model : grid.models()) {
            for (Horizon h : grid.horizons(model)) {
                for (String method : grid.methods()) {
                    grid.cell(model, method, h).ifPresent(c -> {
                        List<Chosen> list = new ArrayList<>();
                        for (JobRecord j : c.jobs()) {
                            if (!j.ok() || j.video().isBlank()) {
                                continue;
                            }
                            Path p = resolve(runDir, j.video());
                            if (p != null && Files.isRegularFile(p)) {
                                list.add(new Chosen(j, p));
                            } else {
                                notFound.add(j.video());
                            }
                        }
                        if (!list.isEmpty()) {
                            perCell.add(list);
                        }
                    });
                }
            }
        }
        List<Chosen> chosen = new ArrayList<>();
        int total = perCell.stream().mapToInt(List::size).sum();
        for (int round = 0; chosen.size() < max; round++) {
            boolean any = false;
            for (List<Chosen> cell : perCell) {
                if (round < cell.size() && chosen.size() < max) {
                    chosen.add(cell.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return new Result(chosen, notFound, total - chosen.size());
    }

    static Path resolve(Path runDir, String video) {
        try {
            Path p = Path.of(video);
            return p.isAbsolute() || runDir == null ? p : runDir.resolve(p);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
