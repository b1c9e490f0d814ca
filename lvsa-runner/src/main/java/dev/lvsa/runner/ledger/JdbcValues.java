package dev.lvsa.runner.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the ledger writes and reads values: timestamps, nullable parameters, result rows as maps. */
final class JdbcValues {

    private JdbcValues() {}

    /** Every remaining row of {@code rs} as a map from column label to value, in column order. */
    static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 1; c <= md.getColumnCount(); c++) {
                row.put(md.getColumnLabel(c), rs.getObject(c));
            }
            out.add(row);
        }
        return out;
    }

    static String now() {
        return Instant.now().toString();
    }

    /** Binds {@code values} to the statement's parameters 1..n in order ({@link #setNullable} each). */
    static void bindAll(PreparedStatement p, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            setNullable(p, i + 1, values[i]);
        }
    }

    static void setNullable(PreparedStatement p, int i, Object v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.NULL);
        } else if (v instanceof Boolean b) {
            p.setInt(i, b ? 1 : 0);
        } else {
            p.setObject(i, v);
        }
    }
}
