-- Per-day call rollups for system analytics (docs/decisions/007-analytics-from-exact-rollups.md). One row per UTC day of the
-- call's start_time, user and final status, incremented (INSERT ... ON DUPLICATE KEY UPDATE) in the same
-- transaction that makes a call final, so the figures are exact at every commit. Calls still in flight
-- (initiated, ringing, in_progress) are not here: analytics count those few from calls by idx_calls_status.

CREATE TABLE daily_call_stats (
    day DATE NOT NULL COMMENT 'UTC date of the call''s start_time',
    user_id INT NOT NULL,
    status ENUM('completed', 'failed', 'busy', 'no_answer', 'canceled') NOT NULL COMMENT 'final statuses only',
    calls INT NOT NULL DEFAULT 0,
    duration_seconds BIGINT NOT NULL DEFAULT 0,
    cost DECIMAL(14,4) NOT NULL DEFAULT 0.0000,
    PRIMARY KEY (day, user_id, status),
    CONSTRAINT fk_daily_call_stats_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
    INDEX idx_daily_call_stats_user_day (user_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A database migrated with calls already in it starts consistent: its final calls, rolled up.
INSERT INTO daily_call_stats (day, user_id, status, calls, duration_seconds, cost)
SELECT DATE(start_time), user_id, CAST(status AS CHAR), COUNT(*), SUM(duration_seconds), SUM(cost)
  FROM calls
 WHERE status IN ('completed', 'failed', 'busy', 'no_answer', 'canceled')
 GROUP BY DATE(start_time), user_id, status;
