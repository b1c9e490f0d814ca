package dev.lvsa.runner.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's state changes for attempts, results and scores. Each method is one transaction of the
 * {@link Ledger} it belongs to.
 */
public final class Recorder {
    private final Ledger ledger;

    Recorder(Ledger ledger) {
        this.ledger = ledger;
    }

    /**
     * Starts an attempt: the job becomes {@code running} and a numbered attempt row is added.
     *
     * @param executor        {@code local} or {@code slurm}
     * @param worker          a name for the worker (e.g. {@code cpu#0}, {@code cuda:1#0})
     * @param workerPid       the worker's process id, or null
     * @param workerStartedMs the worker's start time (epoch ms), or null
     * @param device          the device the job runs on
     */
    public Attempt startAttempt(
            String jobId, String executor, String worker, Long workerPid, Long workerStartedMs, String device) {
        return startAttempt(
                jobId, executor, worker, workerPid, workerStartedMs, device, JobStatus.RUNNING, Attempt.RUNNING);
    }

    Attempt startAttempt(
            String jobId,
            String executor,
            String worker,
            Long workerPid,
            Long workerStartedMs,
            String device,
            JobStatus jobStatus,
            String outcome) {
        return ledger.tx(() -> RowWrites.insertAttempt(
                ledger.connection(), jobId, executor, worker, workerPid, workerStartedMs, device, jobStatus, outcome));
    }

    /**
     * Ends a job: the attempt's outcome is the result's status, the result row is inserted (once: a second result
     * for a job violates the primary key and fails the transaction) and the job takes the result's status.
     */
    public void finish(Attempt a, ResultRow r) {
        ledger.tx(() -> {
            Connection db = ledger.connection();
            RowWrites.endAttempt(db, a.attemptId(), r.status(), r.message());
            RowWrites.insertResult(db, a.jobId(), a.attemptId(), r);
            RowWrites.setJob(db, a.jobId(), JobStatus.of(r.status()), r.message());
            return null;
        });
    }

    /**
     * Ends an attempt that produced no result (the worker crashed or hung); the job goes back to {@code pending}.
     *
     * @param outcome {@link Attempt#CRASHED} or {@link Attempt#HUNG}
     */
    public void fail(Attempt a, String outcome, String message) {
        ledger.tx(() -> {
            Connection db = ledger.connection();
            RowWrites.endAttempt(db, a.attemptId(), outcome, message);
            RowWrites.setJob(db, a.jobId(), JobStatus.PENDING, message);
            return null;
        });
    }

    /**
     * Ends an attempt without a worker result and gives up on the job: the attempt's outcome ({@link Attempt#CRASHED}
     * or {@link Attempt#HUNG}), the runner's result row and the job's final status, in one transaction.
     */
    public void giveUp(Attempt a, String outcome, ResultRow r) {
        ledger.tx(() -> {
            Connection db = ledger.connection();
            RowWrites.endAttempt(db, a.attemptId(), outcome, r.message());
            RowWrites.insertResult(db, a.jobId(), a.attemptId(), r);
            RowWrites.setJob(db, a.jobId(), JobStatus.of(r.status()), r.message());
            return null;
        });
    }

    /** Attempts of a job that count against its retries (crashed or hung workers). */
    public int countedFailures(String jobId) {
        return ledger.tx(() -> {
            try (PreparedStatement p = ledger.connection()
                    .prepareStatement(
                            "SELECT COUNT(*) FROM attempts WHERE job_id = ? AND outcome IN ('crashed', 'hung')")) {
                p.setString(1, jobId);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /**
     * Jobs to score: result ok, no score row yet, real weights (a dummy-weight video means nothing), in sequence
     * order.
     */
    public List<JobRow> unscored() {
        List<String> ids = ledger.tx(() -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement p = ledger.connection()
                            .prepareStatement("SELECT j.job_id FROM jobs j "
                                    + "JOIN results r ON r.job_id = j.job_id LEFT JOIN scores s ON s.job_id = j.job_id "
                                    + "WHERE r.status = 'ok' AND s.job_id IS NULL ORDER BY j.seq");
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        List<JobRow> jobs = new ArrayList<>();
        for (String id : ids) {
            JobRow j = ledger.job(id);
            if (!j.speedOnly()) {
                jobs.add(j);
            }
        }
        return jobs;
    }

    /** Inserts a job's score row (once). */
    public void score(String jobId, ScoreRow s) {
        ledger.tx(() -> {
            try (PreparedStatement p = ledger.connection()
                    .prepareStatement("INSERT INTO scores(job_id, status, "
                            + "composite_score, loop_quality, temporal_dynamics, frame_similarity, spatial_quality, "
                            + "temporal_coherence, cycle_detected, cycle_period_frames, first_repeat_frame, freeze_ratio, "
                            + "norepeat, repeat_ratio, subject_consistency, background_consistency, temporal_flicker, "
                            + "motion_smoothness, dynamic_degree, scoring_s, report_json, message, scored_at) "
                            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                Object[] v = {
                    jobId,
                    s.status(),
                    s.composite(),
                    s.loopQuality(),
                    s.temporalDynamics(),
                    s.frameSimilarity(),
                    s.spatialQuality(),
                    s.temporalCoherence(),
                    s.cycleDetected(),
                    s.cyclePeriodFrames(),
                    s.firstRepeatFrame(),
                    s.freezeRatio(),
                    s.norepeat(),
                    s.repeatRatio(),
                    s.subjectConsistency(),
                    s.backgroundConsistency(),
                    s.temporalFlicker(),
                    s.motionSmoothness(),
                    s.dynamicDegree(),
                    s.scoringS(),
                    s.reportJson(),
                    s.message(),
                    JdbcValues.now()
                };
                JdbcValues.bindAll(p, v);
                p.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Records a Slurm submission: one {@code submitted} attempt per job (worker {@code slurm JOBID_INDEX}), the jobs
     * become {@code submitted}, and a submissions row. One transaction.
     */
    public void submitted(List<JobRow> jobs, String slurmJobId, String arraySpec, String command) {
        submitted(jobs, "slurm", slurmJobId, arraySpec, command);
    }

    /**
     * Jobs handed to a batch executor ({@code slurm}: a Slurm job array; {@code array}: task files any host runs by
     * index), each with a {@code submitted} attempt until its result is collected.
     */
    public void submitted(List<JobRow> jobs, String executor, String submissionId, String arraySpec, String command) {
        String slurmJobId = submissionId;
        ledger.tx(() -> {
            Connection db = ledger.connection();
            try (PreparedStatement p = db.prepareStatement("INSERT INTO submissions(slurm_job_id, array_spec, jobs, "
                    + "command, submitted_at) VALUES (?,?,?,?,?)")) {
                p.setString(1, slurmJobId);
                p.setString(2, arraySpec);
                p.setInt(3, jobs.size());
                p.setString(4, command);
                p.setString(5, JdbcValues.now());
                p.executeUpdate();
            }
            for (JobRow j : jobs) {
                String worker = executor.equals("slurm")
                        ? "slurm " + slurmJobId + "_" + j.seq()
                        : executor + " task " + j.seq();
                RowWrites.insertAttempt(
                        db, j.jobId(), executor, worker, null, null, null, JobStatus.SUBMITTED, Attempt.SUBMITTED);
            }
            return null;
        });
    }

    /**
     * Ingests a result written by a Slurm task, unless the job already has one (then returns false). The job's
     * latest {@code submitted} attempt takes the outcome (a new attempt is added if there is none).
     */
    public boolean collected(String jobId, ResultRow r, String worker) {
        return ledger.tx(() -> {
            Connection db = ledger.connection();
            try (PreparedStatement p = db.prepareStatement("SELECT 1 FROM results WHERE job_id = ?")) {
                p.setString(1, jobId);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            Long attemptId = null;
            try (PreparedStatement p = db.prepareStatement("SELECT attempt_id FROM attempts WHERE job_id = ? "
                    + "AND outcome = 'submitted' ORDER BY number DESC LIMIT 1")) {
                p.setString(1, jobId);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        attemptId = rs.getLong(1);
                    }
                }
            }
            if (attemptId == null) {
                attemptId = RowWrites.insertAttempt(
                                db, jobId, "slurm", worker, null, null, null, JobStatus.SUBMITTED, Attempt.SUBMITTED)
                        .attemptId();
            }
            RowWrites.endAttempt(db, attemptId, r.status(), r.message());
            RowWrites.insertResult(db, jobId, attemptId, r);
            RowWrites.setJob(db, jobId, JobStatus.of(r.status()), r.message());
            return true;
        });
    }

    /** Gives up on submitted jobs (to submit or run them again): their attempts end as interrupted, jobs pending. */
    public void abandonSubmitted(List<JobRow> jobs, String why) {
        ledger.tx(() -> {
            Connection db = ledger.connection();
            for (JobRow j : jobs) {
                try (PreparedStatement p = db.prepareStatement("UPDATE attempts SET outcome = 'interrupted', "
                        + "message = ?, ended_at = ? WHERE job_id = ? AND outcome = 'submitted'")) {
                    p.setString(1, why);
                    p.setString(2, JdbcValues.now());
                    p.setString(3, j.jobId());
                    p.executeUpdate();
                }
                RowWrites.setJob(db, j.jobId(), JobStatus.PENDING, why);
            }
            return null;
        });
    }

    /**
     * For {@code run --retry-failed}: failed jobs (oom, error, timeout) lose their result (the attempts stay as
     * history) and become pending again. One transaction; returns how many were reset.
     */
    public int resetFailed(List<JobRow> jobs) {
        return ledger.tx(() -> {
            Connection db = ledger.connection();
            int n = 0;
            for (JobRow j : jobs) {
                if (j.status() != JobStatus.OOM && j.status() != JobStatus.ERROR && j.status() != JobStatus.TIMEOUT) {
                    continue;
                }
                try (PreparedStatement p = db.prepareStatement("DELETE FROM results WHERE job_id = ?")) {
                    p.setString(1, j.jobId());
                    p.executeUpdate();
                }
                RowWrites.setJob(
                        db,
                        j.jobId(),
                        JobStatus.PENDING,
                        "retried after " + j.status().id());
                n++;
            }
            return n;
        });
    }
}
