package dev.lvsa.reports.run;

import dev.lvsa.common.BadInputException;
import dev.lvsa.reports.io.ReportRuntime;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads planned density series from a CSV with columns {@code model, frames, density} (one row per point),
 * for the sparsity chart when the report is made from the command line.
 */
public final class SparsityCsv {

  private SparsityCsv() {
  }

  public static Map<String, List<SparsityPoint>> read(Path file) {
    String text = ExportCsv.readText(file);
    ReportRuntime.prepare();
    Table t;
    try {
      t = Table.read().usingOptions(CsvReadOptions.builder(new StringReader(text)).header(true)
          .columnTypes(c -> ColumnType.STRING).missingValueIndicator("").build());
    } catch (RuntimeException e) {
      throw new BadInputException(file + ": not a readable CSV (" + e.getMessage() + ")", e);
    }
    for (String c : List.of("model", "frames", "density")) {
      if (!t.columnNames().contains(c)) {
        throw new BadInputException(file + ": missing column " + c + " (expected model,frames,density)");
      }
    }
    Map<String, List<SparsityPoint>> out = new LinkedHashMap<>();
    for (int r = 0; r < t.rowCount(); r++) {
      String model = t.stringColumn("model").get(r).trim();
      String frames = t.stringColumn("frames").get(r).trim();
      String density = t.stringColumn("density").get(r).trim();
      try {
        out.computeIfAbsent(model, k -> new ArrayList<>())
            .add(new SparsityPoint((int) Math.round(Double.parseDouble(frames)), Double.parseDouble(density)));
      } catch (IllegalArgumentException e) {
        throw new BadInputException(file + " line " + (r + 2) + ": bad point (frames '" + frames + "', density '"
            + density + "'): " + e.getMessage());
      }
    }
    return out;
  }
}
