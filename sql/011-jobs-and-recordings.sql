-- Durable background jobs (docs/decisions/010-durable-jobs.md) and call recordings.
--
-- jobs: every kind of background work is a row with a due time. A worker in every API instance claims due rows with
-- SELECT ... FOR UPDATE SKIP LOCKED on (status, due_at) and leases them: status 'running', claimed_by, and due_at
-- moved to the lease's end, which the worker pushes on while the handler runs. A crashed worker's lease runs out and
-- the row is due again; a live worker's never does, so two instances never run one job at once, and the end of a run
-- is written only while its claim (claimed_by + attempts) still holds. Failures go back to 'queued' with an
-- exponential, jittered due_at until max_attempts. A recurring job keeps one row (unique_key) and is put back to
-- 'queued' at its next run instead of finishing.
CREATE TABLE jobs (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    kind VARCHAR(64) NOT NULL,
    payload JSON NOT NULL,
    status ENUM('queued', 'running', 'succeeded', 'failed') NOT NULL DEFAULT 'queued',
    due_at DATETIME(3) NOT NULL COMMENT 'queued: when it may run; running: when its lease ends',
    attempts INT NOT NULL DEFAULT 0 COMMENT 'runs started so far (the claim''s fencing token with claimed_by)',
    max_attempts INT NOT NULL,
    claimed_by VARCHAR(64) NULL COMMENT 'the worker holding the lease',
    last_error TEXT NULL,
    unique_key VARCHAR(191) NULL COMMENT 'one row per key (recurring jobs)',
    created_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    finished_at DATETIME(3) NULL,
    UNIQUE KEY uq_jobs_unique_key (unique_key),
    INDEX idx_jobs_claim (status, due_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A call's recordings. The row is created 'processing' in the call's final transaction and a 'recording.render' job
-- writes the audio (the mock synthesises it; with sip it would come from rtpengine's recording daemon). expires_at
-- drives the retention purge (idx_recordings_expiry), user_id the owner's and the admin's lists.
CREATE TABLE recordings (
    id INT AUTO_INCREMENT PRIMARY KEY,
    call_id INT NOT NULL,
    user_id INT NOT NULL,
    status ENUM('processing', 'completed', 'failed', 'deleted') NOT NULL DEFAULT 'processing',
    duration_seconds INT NOT NULL DEFAULT 0,
    size_bytes BIGINT NOT NULL DEFAULT 0,
    format VARCHAR(10) NOT NULL DEFAULT 'wav',
    storage_key VARCHAR(255) NULL COMMENT 'where the audio is in RecordingStorage; NULL once deleted',
    created_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NOT NULL,
    deleted_at DATETIME(3) NULL,
    CONSTRAINT fk_recordings_call FOREIGN KEY (call_id) REFERENCES calls (id) ON DELETE CASCADE,
    CONSTRAINT fk_recordings_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    INDEX idx_recordings_call (call_id),
    INDEX idx_recordings_user_created (user_id, created_at),
    INDEX idx_recordings_created (created_at),
    INDEX idx_recordings_expiry (status, expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Whether a number's calls are recorded (its owner or an admin sets it).
ALTER TABLE phone_numbers
    ADD COLUMN record_calls BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'record the calls from (outbound) and to (inbound) it';

-- Whether a call is recorded (decided when it is placed: its number's record_calls, or POST /calls record: true) and
-- whether its parties were told so (the mock announces every recorded call).
ALTER TABLE calls
    ADD COLUMN recorded BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN recording_announced BOOLEAN NOT NULL DEFAULT FALSE;
