package dev.lvsa.runner.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The row writes that {@link Recorder}'s transactions are made of: a new attempt, an attempt's end, a job's status
 * and a result row. Each runs on the open connection of the caller's transaction.
 */
final class RowWrites {
    private RowWrites() {}

    /** Adds the job's next numbered attempt ({@code outcome} as given) and sets the job to {@code jobStatus}. */
    static Attempt insertAttempt(
            Connection db,
            String jobId,
            String executor,
            String worker,
            Long workerPid,
            Long workerStartedMs,
            String device,
            JobStatus jobStatus,
            String outcome)
            throws SQLException {
        int number;
        try (PreparedStatement p =
                db.prepareStatement("SELECT COALESCE(MAX(number), 0) + 1 FROM attempts WHERE job_id = ?")) {
            p.setString(1, jobId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                number = rs.getInt(1);
            }
        }
        long id;
        try (PreparedStatement p = db.prepareStatement(
                "INSERT INTO attempts(job_id, number, executor, worker, "
                        + "worker_pid, worker_started_ms, runner_pid, device, started_at, outcome) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?)",
                PreparedStatement.RETURN_GENERATED_KEYS)) {
            p.setString(1, jobId);
            p.setInt(2, number);
            p.setString(3, executor);
            p.setString(4, worker);
            JdbcValues.setNullable(p, 5, workerPid);
            JdbcValues.setNullable(p, 6, workerStartedMs);
            p.setLong(7, ProcessHandle.current().pid());
            p.setString(8, device);
            p.setString(9, JdbcValues.now());
            p.setString(10, outcome);
            p.executeUpdate();
            try (ResultSet rs = p.getGeneratedKeys()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        setJob(db, jobId, jobStatus, null);
        return new Attempt(id, jobId, number);
    }

    static void endAttempt(Connection db, long attemptId, String outcome, String message) throws SQLException {
        updateOne(
                db,
                "UPDATE attempts SET outcome = ?, message = ?, ended_at = ? WHERE attempt_id = ?",
                outcome,
                message,
                attemptId,
                "attempt");
    }

    static void setJob(Connection db, String jobId, JobStatus status, String message) throws SQLException {
        updateOne(
                db,
                "UPDATE jobs SET status = ?, message = ?, updated_at = ? WHERE job_id = ?",
                status.id(),
                message,
                jobId,
                "job");
    }

    /** Runs {@code sql} (state, message, now, key) on exactly one row; a missing row is an error naming it. */
    private static void updateOne(Connection db, String sql, String state, String message, Object key, String what)
            throws SQLException {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setString(1, state);
            p.setString(2, message);
            p.setString(3, JdbcValues.now());
            p.setObject(4, key);
            if (p.executeUpdate() != 1) {
                throw new SQLException(what + " " + key + " does not exist");
            }
        }
    }

    static void insertResult(Connection db, String jobId, Long attemptId, ResultRow r) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(
                "INSERT INTO results(job_id, attempt_id, status, error_code, "
                        + "total_s, peak_memory_gb, peak_memory_kind, density, expected_density, backend, device, dtype, "
                        + "riflex_k, step_latency_s, mean_step_s, steps_run, model_cached, model_load_s, frames_written, "
                        + "output, message, result_json, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            Object[] v = {
                jobId,
                attemptId,
                r.status(),
                r.errorCode(),
                r.totalS(),
                r.peakMemoryGb(),
                r.peakMemoryKind(),
                r.density(),
                r.expectedDensity(),
                r.backend(),
                r.device(),
                r.dtype(),
                r.riflexK(),
                r.stepLatencyJson(),
                r.meanStepS(),
                r.stepsRun(),
                r.modelCached(),
                r.modelLoadS(),
                r.framesWritten(),
                r.output(),
                r.message(),
                r.resultJson(),
                JdbcValues.now()
            };
            JdbcValues.bindAll(p, v);
            p.executeUpdate();
        }
    }
}
