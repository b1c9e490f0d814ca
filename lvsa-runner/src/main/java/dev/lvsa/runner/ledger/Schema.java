package dev.lvsa.runner.ledger;

import java.util.List;

/** The ledger's tables (version 1). Column meanings: {@code docs/runner.md}. */
final class Schema {
    static final int VERSION = 1;

    static final List<String> STATEMENTS =
            List.of("""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""", """
            CREATE TABLE jobs (
              job_id TEXT PRIMARY KEY,
              seq INTEGER NOT NULL UNIQUE,
              model TEXT NOT NULL, model_path TEXT NOT NULL, method TEXT NOT NULL, variant TEXT NOT NULL,
              method_params TEXT NOT NULL, horizon REAL NOT NULL, frames INTEGER NOT NULL, height INTEGER NOT NULL,
              width INTEGER NOT NULL, steps INTEGER NOT NULL, guidance REAL NOT NULL, prompt_id TEXT NOT NULL,
              prompt TEXT NOT NULL, negative_prompt TEXT NOT NULL, seed INTEGER NOT NULL, backend TEXT NOT NULL,
              backend_override TEXT, dtype TEXT, fps INTEGER NOT NULL, offload TEXT NOT NULL,
              plan_path TEXT NOT NULL, video_path TEXT NOT NULL, spec_json TEXT NOT NULL,
              status TEXT NOT NULL
                CHECK (status IN ('pending','running','submitted','ok','oom','error','timeout')),
              message TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""", """
            CREATE TABLE attempts (
              attempt_id INTEGER PRIMARY KEY AUTOINCREMENT,
              job_id TEXT NOT NULL REFERENCES jobs(job_id),
              number INTEGER NOT NULL,
              executor TEXT NOT NULL,
              worker TEXT, worker_pid INTEGER, worker_started_ms INTEGER, runner_pid INTEGER, device TEXT,
              started_at TEXT NOT NULL, ended_at TEXT,
              outcome TEXT NOT NULL, message TEXT,
              UNIQUE (job_id, number))""", """
            CREATE TABLE results (
              job_id TEXT PRIMARY KEY REFERENCES jobs(job_id),
              attempt_id INTEGER REFERENCES attempts(attempt_id),
              status TEXT NOT NULL CHECK (status IN ('ok','oom','error','timeout')),
              error_code TEXT, total_s REAL, peak_memory_gb REAL, peak_memory_kind TEXT,
              density REAL, expected_density REAL, backend TEXT, device TEXT, dtype TEXT, riflex_k INTEGER,
              step_latency_s TEXT, mean_step_s REAL, steps_run INTEGER, model_cached INTEGER, model_load_s REAL,
              frames_written INTEGER, output TEXT, message TEXT, result_json TEXT, recorded_at TEXT NOT NULL)""", """
            CREATE TABLE scores (
              job_id TEXT PRIMARY KEY REFERENCES jobs(job_id),
              status TEXT NOT NULL CHECK (status IN ('ok','error')),
              composite_score REAL, loop_quality REAL, temporal_dynamics REAL, frame_similarity REAL,
              spatial_quality REAL, temporal_coherence REAL, cycle_detected INTEGER, cycle_period_frames INTEGER,
              first_repeat_frame INTEGER, freeze_ratio REAL, norepeat REAL, repeat_ratio REAL,
              subject_consistency REAL, background_consistency REAL, temporal_flicker REAL, motion_smoothness REAL,
              dynamic_degree REAL, scoring_s REAL, report_json TEXT, message TEXT, scored_at TEXT NOT NULL)""", """
            CREATE TABLE submissions (
              submission_id INTEGER PRIMARY KEY AUTOINCREMENT,
              slurm_job_id TEXT, array_spec TEXT NOT NULL, jobs INTEGER NOT NULL, command TEXT NOT NULL,
              submitted_at TEXT NOT NULL)""", "CREATE INDEX attempts_by_job ON attempts(job_id)");

    /**
     * One row per job with everything the CSV export and {@code status} show; columns are named as the CSV names
     * them.
     */
    static final String TABLE_QUERY = """
            SELECT j.job_id, j.seq, j.model, j.model_path, j.method, j.variant, j.method_params, j.horizon, j.frames,
                   j.height, j.width, j.steps, j.guidance, j.prompt_id, j.prompt, j.negative_prompt, j.seed,
                   j.backend AS backend_requested, j.dtype AS dtype_requested, j.fps, j.plan_path, j.video_path,
                   j.status, j.message AS job_message, j.spec_json, r.result_json,
                   (SELECT COUNT(*) FROM attempts a WHERE a.job_id = j.job_id) AS attempts,
                   r.status AS result_status, r.error_code, r.total_s, r.peak_memory_gb, r.peak_memory_kind,
                   r.density, r.expected_density, r.backend, r.device, r.dtype, r.riflex_k, r.step_latency_s,
                   r.mean_step_s, r.steps_run, r.model_cached, r.model_load_s, r.frames_written,
                   r.message AS result_message, r.recorded_at,
                   s.status AS score_status, s.composite_score, s.loop_quality, s.temporal_dynamics,
                   s.frame_similarity, s.spatial_quality, s.temporal_coherence, s.cycle_detected,
                   s.cycle_period_frames, s.first_repeat_frame, s.freeze_ratio, s.norepeat, s.repeat_ratio,
                   s.subject_consistency, s.background_consistency, s.temporal_flicker, s.motion_smoothness,
                   s.dynamic_degree, s.scoring_s, s.message AS score_message
            FROM jobs j LEFT JOIN results r ON r.job_id = j.job_id LEFT JOIN scores s ON s.job_id = j.job_id
            ORDER BY j.seq""";

    private Schema() {}
}
