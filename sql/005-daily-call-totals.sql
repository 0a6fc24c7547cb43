-- System-wide per-day call totals: daily_call_stats summed over users, one row per UTC day and final status, so
-- GET /admin/analytics reads at most 5 rows a day for its daily figures instead of one row per user and day
-- (docs/benchmarks.md: that GROUP BY took half of a 90-day request at 1,000 users). Upserted with daily_call_stats
-- in the same transaction as each call's final status, after it, so every writer locks rows in the same order.

CREATE TABLE daily_call_totals (
    day DATE NOT NULL COMMENT 'UTC date of the call''s start_time',
    status ENUM('completed', 'failed', 'busy', 'no_answer', 'canceled') NOT NULL COMMENT 'final statuses only',
    calls INT NOT NULL DEFAULT 0,
    duration_seconds BIGINT NOT NULL DEFAULT 0,
    cost DECIMAL(16,4) NOT NULL DEFAULT 0.0000,
    PRIMARY KEY (day, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO daily_call_totals (day, status, calls, duration_seconds, cost)
SELECT day, status, SUM(calls), SUM(duration_seconds), SUM(cost)
  FROM daily_call_stats
 GROUP BY day, status;
