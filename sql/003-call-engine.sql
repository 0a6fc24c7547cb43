-- The durable call engine (docs/decisions/005-durable-call-engine.md): each call in flight keeps its next
-- transition and when it is due; a worker in every API instance claims due calls with SELECT ... FOR UPDATE
-- SKIP LOCKED. The mock provider's plan for the call is stored with it, so a restart loses nothing.

ALTER TABLE calls
    ADD COLUMN provider VARCHAR(20) NOT NULL DEFAULT 'mock' AFTER call_sid,
    ADD COLUMN answered_at DATETIME(3) NULL COMMENT 'when the call became in_progress' AFTER end_time,
    ADD COLUMN next_status ENUM('ringing', 'in_progress', 'completed', 'failed', 'busy', 'no_answer') NULL
        COMMENT 'the transition the engine applies next; NULL once final',
    ADD COLUMN next_transition_at DATETIME(3) NULL COMMENT 'when next_status is due (real time, UTC)',
    ADD COLUMN plan_outcome ENUM('in_progress', 'failed', 'busy', 'no_answer') NULL
        COMMENT 'what ringing turns into, chosen by the mock provider when the call is placed',
    ADD COLUMN plan_ring_ms INT NULL COMMENT 'simulated ms from initiated to ringing',
    ADD COLUMN plan_outcome_ms INT NULL COMMENT 'simulated ms from ringing to the outcome',
    ADD COLUMN plan_talk_seconds INT NULL COMMENT 'simulated answered seconds before completed; NULL = until hung up',
    ADD UNIQUE KEY uq_calls_call_sid (call_sid),
    ADD INDEX idx_calls_next_transition (next_transition_at);

-- One row per status change: the call's timeline, kept for support and for clients that poll.
CREATE TABLE call_events (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    call_id INT NOT NULL,
    status ENUM('initiated', 'ringing', 'in_progress', 'completed', 'failed', 'busy', 'no_answer', 'canceled') NOT NULL,
    occurred_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)) COMMENT 'when the change happened (as scheduled)',
    recorded_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)) COMMENT 'when it was written; minus occurred_at = lateness',
    source ENUM('api', 'engine', 'provider') NOT NULL,
    CONSTRAINT fk_call_events_call FOREIGN KEY (call_id) REFERENCES calls(id) ON DELETE CASCADE,
    INDEX idx_call_events_call (call_id, occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Idempotency-Key of POST /calls: the same key from the same user within 24 h returns the same call.
CREATE TABLE idempotency_keys (
    user_id INT NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash CHAR(64) NOT NULL COMMENT 'SHA-256 of the request body; another body with the same key is refused',
    call_id INT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    PRIMARY KEY (user_id, idempotency_key),
    CONSTRAINT fk_idempotency_keys_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
    CONSTRAINT fk_idempotency_keys_call FOREIGN KEY (call_id) REFERENCES calls(id) ON DELETE CASCADE,
    INDEX idx_idempotency_keys_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Canceled calls are counted too, so the per-user totals add up to total_calls.
ALTER TABLE user_analytics
    ADD COLUMN canceled_calls INT NOT NULL DEFAULT 0 AFTER failed_calls,
    MODIFY total_cost DECIMAL(12,4) NOT NULL DEFAULT 0.0000;
