-- Rollups that keep GET /admin/analytics fast at 10,000,000 calls (decision 008, docs/benchmarks.md):
--   hourly_call_totals  (hour, status)   the daily figures of the whole hours at the edges of a date-time range
--   daily_user_totals   (day, user)      top users of whole days: one row per user and day, where daily_call_stats
--                                        had one per user, day AND status (three times the rows to group)
--   hourly_user_totals  (hour, user)     top users of the whole hours at the edges of a date-time range
-- With daily_call_totals (sql/005) every range is whole days, then whole hours, then at most two partial hours,
-- and only those partial hours are read from calls, by an index that holds every column they need.
-- Like sql/004 and sql/005: final calls only, keyed by the UTC day/hour of start_time, upserted in the same
-- transaction as each call's final status (CallEngine), in table order then key order.

-- The partial hours are read from calls by start_time, and a client's GET /calls/stats by user and start_time:
-- with the columns they sum in those indexes, neither read touches the table's rows (scattered lookups, mostly
-- from disk, at 10M calls). Same names, so every FORCE INDEX keeps working, and the same leading columns for
-- sorting, date filters and the foreign key.
ALTER TABLE calls
    DROP INDEX idx_calls_start_time,
    ADD INDEX idx_calls_start_time (start_time, status, user_id, duration_seconds, cost),
    DROP INDEX idx_calls_user_start,
    ADD INDEX idx_calls_user_start (user_id, start_time, status, duration_seconds, cost);

CREATE TABLE hourly_call_totals (
    hour DATETIME NOT NULL COMMENT 'UTC hour of the call''s start_time (minutes and seconds zero)',
    status ENUM('completed', 'failed', 'busy', 'no_answer', 'canceled') NOT NULL COMMENT 'final statuses only',
    calls INT NOT NULL DEFAULT 0,
    duration_seconds BIGINT NOT NULL DEFAULT 0,
    cost DECIMAL(16,4) NOT NULL DEFAULT 0.0000,
    PRIMARY KEY (hour, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE hourly_user_totals (
    hour DATETIME NOT NULL COMMENT 'UTC hour of the call''s start_time (minutes and seconds zero)',
    user_id INT NOT NULL,
    calls INT NOT NULL DEFAULT 0,
    duration_seconds BIGINT NOT NULL DEFAULT 0,
    cost DECIMAL(16,4) NOT NULL DEFAULT 0.0000,
    PRIMARY KEY (hour, user_id),
    CONSTRAINT fk_hourly_user_totals_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
    INDEX idx_hourly_user_totals_user (user_id, hour)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE daily_user_totals (
    day DATE NOT NULL COMMENT 'UTC date of the call''s start_time',
    user_id INT NOT NULL,
    calls INT NOT NULL DEFAULT 0,
    duration_seconds BIGINT NOT NULL DEFAULT 0,
    cost DECIMAL(16,4) NOT NULL DEFAULT 0.0000,
    PRIMARY KEY (day, user_id),
    CONSTRAINT fk_daily_user_totals_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
    INDEX idx_daily_user_totals_user (user_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Backfills: the hourly rollups from the final calls already present, the daily ones from the hourly ones. These
-- statements are the canonical rebuild of every rollup (the analytics specs and the benchmark run them).
INSERT INTO hourly_call_totals (hour, status, calls, duration_seconds, cost)
SELECT DATE_FORMAT(start_time, '%Y-%m-%d %H:00:00'), CAST(status AS CHAR), COUNT(*), SUM(duration_seconds), SUM(cost)
  FROM calls
 WHERE status IN ('completed', 'failed', 'busy', 'no_answer', 'canceled')
 GROUP BY 1, 2;

INSERT INTO hourly_user_totals (hour, user_id, calls, duration_seconds, cost)
SELECT DATE_FORMAT(start_time, '%Y-%m-%d %H:00:00'), user_id, COUNT(*), SUM(duration_seconds), SUM(cost)
  FROM calls
 WHERE status IN ('completed', 'failed', 'busy', 'no_answer', 'canceled')
 GROUP BY 1, 2;

INSERT INTO daily_user_totals (day, user_id, calls, duration_seconds, cost)
SELECT DATE(hour), user_id, SUM(calls), SUM(duration_seconds), SUM(cost)
  FROM hourly_user_totals
 GROUP BY 1, 2;

DELETE FROM daily_call_totals;

INSERT INTO daily_call_totals (day, status, calls, duration_seconds, cost)
SELECT DATE(hour), status, SUM(calls), SUM(duration_seconds), SUM(cost)
  FROM hourly_call_totals
 GROUP BY 1, 2;

-- daily_call_stats (sql/004) had no reader but top users, which daily_user_totals now serves with a third of the
-- rows; a rollup nobody reads would only cost every call's final transaction.
DROP TABLE daily_call_stats;
