package dev.lvsa.runner.ledger;

import dev.lvsa.common.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * The run ledger (see the package doc). Thread-safe: one connection, every method synchronized, every state change
 * one transaction (committed before the method returns, rolled back if it fails).
 */
public final class Ledger implements AutoCloseable {
    /** The database file inside the run folder. */
    public static final String FILE = "ledger.sqlite";

    private final Connection db;
    private final Path file;
    private final Recorder recorder;

    private Ledger(Path file, Connection db) {
        this.file = file;
        this.db = db;
        this.recorder = new Recorder(this);
    }

    /** Opens the run folder's ledger, creating the folder and the database if needed. */
    public static Ledger open(Path runDir) {
        try {
            Files.createDirectories(runDir);
        } catch (java.io.IOException e) {
            throw new BadInputException(runDir + ": cannot create the run folder (" + e.getMessage() + ")");
        }
        Ledger l = connect(runDir.resolve(FILE));
        l.createSchemaIfNew();
        return l;
    }

    /** Opens an existing run folder's ledger; a folder without one is the user's mistake. */
    public static Ledger openExisting(Path runDir) {
        Path f = runDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new BadInputException(runDir + ": not a run folder (no " + FILE + "; make one with "
                    + "'lvsa-runner run EXPERIMENT.yaml --out " + runDir + "')");
        }
        return checked(f, Files.isWritable(runDir) && Files.isWritable(f) ? connect(f) : connectReadOnly(f));
    }

    /**
     * Opens an existing run folder's ledger as a read-only snapshot whatever the permissions (what
     * {@link #openExisting} does by itself in a folder this process cannot write).
     */
    public static Ledger openSnapshot(Path runDir) {
        Path f = runDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new BadInputException(runDir + ": not a run folder (no " + FILE + ")");
        }
        return checked(f, connectReadOnly(f));
    }

    private static Ledger checked(Path f, Ledger l) {
        if (l.schemaVersion() == null) {
            l.close();
            throw new BadInputException(f + ": not an lvsa-runner ledger (no meta table)");
        }
        return l;
    }

    /**
     * A ledger in a folder this process cannot write (an archived run, a read-only mount, another user's run)
     * opens as an immutable snapshot: SQLite then needs no journal or shared-memory file beside it. Queries
     * work; a command that writes fails with SQLite's read-only error. Changes a killed runner left in an
     * unmerged {@code -wal} file are not seen (a runner that exits normally merges them).
     */
    private static Ledger connectReadOnly(Path f) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
        try {
            Connection c = DriverManager.getConnection(
                    "jdbc:sqlite:file:" + f.toAbsolutePath() + "?immutable=1", config.toProperties());
            c.setAutoCommit(false);
            return new Ledger(f, c);
        } catch (SQLException e) {
            throw new BadInputException(f + ": cannot open the ledger read-only (" + e.getMessage() + ")");
        }
    }

    private static Ledger connect(Path f) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(30_000);
        config.enforceForeignKeys(true);
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + f.toAbsolutePath(), config.toProperties());
            c.setAutoCommit(false);
            return new Ledger(f, c);
        } catch (SQLException e) {
            throw new BadInputException(f + ": cannot open the ledger (" + e.getMessage() + ")");
        }
    }

    public Path file() {
        return file;
    }

    private synchronized void createSchemaIfNew() {
        if (schemaVersion() != null) {
            int v = Integer.parseInt(schemaVersion());
            if (v != Schema.VERSION) {
                throw new BadInputException(
                        file + ": ledger schema version " + v + ", this runner reads " + Schema.VERSION);
            }
            return;
        }
        tx(() -> {
            try (Statement s = db.createStatement()) {
                for (String sql : Schema.STATEMENTS) {
                    s.execute(sql);
                }
            }
            try (PreparedStatement p = db.prepareStatement("INSERT INTO meta(key, value) VALUES (?, ?)")) {
                p.setString(1, "schema_version");
                p.setString(2, String.valueOf(Schema.VERSION));
                p.executeUpdate();
                p.setString(1, "created_at");
                p.setString(2, JdbcValues.now());
                p.executeUpdate();
            }
            return null;
        });
    }

    private String schemaVersion() {
        return tx(() -> {
            try (Statement s = db.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT name FROM sqlite_master WHERE type='table' AND name='meta'")) {
                if (!rs.next()) {
                    return null;
                }
            }
            return meta("schema_version");
        });
    }

    private String meta(String key) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Sets a meta value (e.g. the experiment's name). */
    public synchronized void setMeta(String key, String value) {
        tx(() -> {
            try (PreparedStatement p = db.prepareStatement(
                    "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
                p.setString(1, key);
                p.setString(2, value);
                p.executeUpdate();
            }
            return null;
        });
    }

    public synchronized String getMeta(String key) {
        return tx(() -> meta(key));
    }

    // ---- jobs ----

    /**
     * Adds the jobs the ledger does not have yet (by id), giving them the next sequence numbers; returns how many were
     * added. One transaction.
     */
    public synchronized int register(List<JobRow> jobs) {
        return tx(() -> {
            int next;
            try (Statement s = db.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), -1) + 1 FROM jobs")) {
                rs.next();
                next = rs.getInt(1);
            }
            int added = 0;
            String sql = "INSERT INTO jobs(job_id, seq, model, model_path, method, variant, method_params, horizon, "
                    + "frames, height, width, steps, guidance, prompt_id, prompt, negative_prompt, seed, backend, "
                    + "backend_override, dtype, fps, offload, plan_path, video_path, spec_json, status, message, "
                    + "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'pending',NULL,?,?) "
                    + "ON CONFLICT(job_id) DO NOTHING";
            try (PreparedStatement p = db.prepareStatement(sql)) {
                for (JobRow j : jobs) {
                    int i = 1;
                    p.setString(i++, j.jobId());
                    p.setInt(i++, next);
                    p.setString(i++, j.model());
                    p.setString(i++, j.modelPath());
                    p.setString(i++, j.method());
                    p.setString(i++, j.variant());
                    p.setString(i++, j.methodParams());
                    p.setDouble(i++, j.horizon());
                    p.setInt(i++, j.frames());
                    p.setInt(i++, j.height());
                    p.setInt(i++, j.width());
                    p.setInt(i++, j.steps());
                    p.setDouble(i++, j.guidance());
                    p.setString(i++, j.promptId());
                    p.setString(i++, j.prompt());
                    p.setString(i++, j.negativePrompt());
                    p.setLong(i++, j.seed());
                    p.setString(i++, j.backend());
                    p.setString(i++, j.backendOverride());
                    p.setString(i++, j.dtype());
                    p.setInt(i++, j.fps());
                    p.setString(i++, j.offload());
                    p.setString(i++, j.planPath());
                    p.setString(i++, j.videoPath());
                    p.setString(i++, j.specJson());
                    String t = JdbcValues.now();
                    p.setString(i++, t);
                    p.setString(i, t);
                    if (p.executeUpdate() == 1) {
                        added++;
                        next++;
                    }
                }
            }
            return added;
        });
    }

    /** Every job, in sequence order. */
    public synchronized List<JobRow> jobs() {
        return tx(() -> {
            List<JobRow> out = new ArrayList<>();
            try (Statement s = db.createStatement();
                    ResultSet rs = s.executeQuery("SELECT * FROM jobs ORDER BY seq")) {
                while (rs.next()) {
                    out.add(jobRow(rs));
                }
            }
            return out;
        });
    }

    /** One job, or null. */
    public synchronized JobRow job(String jobId) {
        return tx(() -> {
            try (PreparedStatement p = db.prepareStatement("SELECT * FROM jobs WHERE job_id = ?")) {
                p.setString(1, jobId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? jobRow(rs) : null;
                }
            }
        });
    }

    private static JobRow jobRow(ResultSet rs) throws SQLException {
        return new JobRow(
                rs.getString("job_id"),
                rs.getInt("seq"),
                rs.getString("model"),
                rs.getString("model_path"),
                rs.getString("method"),
                rs.getString("variant"),
                rs.getString("method_params"),
                rs.getDouble("horizon"),
                rs.getInt("frames"),
                rs.getInt("height"),
                rs.getInt("width"),
                rs.getInt("steps"),
                rs.getDouble("guidance"),
                rs.getString("prompt_id"),
                rs.getString("prompt"),
                rs.getString("negative_prompt"),
                rs.getLong("seed"),
                rs.getString("backend"),
                rs.getString("backend_override"),
                rs.getString("dtype"),
                rs.getInt("fps"),
                rs.getString("offload"),
                rs.getString("plan_path"),
                rs.getString("video_path"),
                rs.getString("spec_json"),
                JobStatus.of(rs.getString("status")),
                rs.getString("message"));
    }

    /**
     * After a runner stopped without finishing (killed, power loss): attempts left {@code running} become
     * {@code interrupted} and their jobs {@code pending} again. Returns those attempts' workers (pid and start time in
     * ms), so the caller can end any that still run. One transaction.
     */
    public synchronized List<long[]> recoverInterrupted() {
        return tx(() -> {
            List<long[]> workers = new ArrayList<>();
            try (Statement s = db.createStatement();
                    ResultSet rs = s.executeQuery("SELECT worker_pid, worker_started_ms FROM attempts "
                            + "WHERE outcome = 'running' AND worker_pid IS NOT NULL")) {
                while (rs.next()) {
                    workers.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
            String t = JdbcValues.now();
            try (PreparedStatement p = db.prepareStatement("UPDATE attempts SET outcome = 'interrupted', ended_at = ?, "
                    + "message = 'the runner stopped before this attempt finished' WHERE outcome = 'running'")) {
                p.setString(1, t);
                p.executeUpdate();
            }
            try (PreparedStatement p = db.prepareStatement("UPDATE jobs SET status = 'pending', updated_at = ?, "
                    + "message = 'interrupted; retried' WHERE status = 'running'")) {
                p.setString(1, t);
                p.executeUpdate();
            }
            return workers;
        });
    }

    /** Attempts, results and scores. */
    public Recorder recorder() {
        return recorder;
    }

    synchronized <T> T tx(SqlWork<T> work) {
        try {
            T v = work.run();
            db.commit();
            return v;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new LedgerException(file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the original error matters more
        }
    }

    Connection connection() {
        return db;
    }

    /** One row per job (jobs joined with results and scores), columns as the CSV export names them. */
    public synchronized List<Map<String, Object>> table() {
        return tx(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (Statement s = db.createStatement();
                    ResultSet rs = s.executeQuery(Schema.TABLE_QUERY)) {
                return JdbcValues.rows(rs);
            }
        });
    }

    /** Runs a read-only query (for tests and tools); rows as maps. */
    public synchronized List<Map<String, Object>> query(String sql, Object... args) {
        return tx(() -> {
            try (PreparedStatement p = db.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    p.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = p.executeQuery()) {
                    return JdbcValues.rows(rs);
                }
            }
        });
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new LedgerException(file + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }
}
