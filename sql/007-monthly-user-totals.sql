-- Final calls per UTC month of start_time and user, for the top users of GET /admin/analytics (decision 008):
-- whole months from here, the days and hours around them from daily_user_totals and hourly_user_totals, so a
-- range reads at most about two months of per-user days however long it is (a 90-day range at 1,000 users grouped
-- 92,000 daily rows, p95 92 ms at 10M calls; docs/benchmarks.md). Upserted with the other rollups in each call's
-- final transaction (CALL_ROLLUPS in apps/api/src/app/analytics/call-rollups.ts).

CREATE TABLE monthly_user_totals (
    month DATE NOT NULL COMMENT 'first day of the UTC month of the call''s start_time',
    user_id INT NOT NULL,
    calls INT NOT NULL DEFAULT 0,
    duration_seconds BIGINT NOT NULL DEFAULT 0,
    cost DECIMAL(16,4) NOT NULL DEFAULT 0.0000,
    PRIMARY KEY (month, user_id),
    CONSTRAINT fk_monthly_user_totals_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
    INDEX idx_monthly_user_totals_user (user_id, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO monthly_user_totals (month, user_id, calls, duration_seconds, cost)
SELECT DATE_FORMAT(day, '%Y-%m-01'), user_id, SUM(calls), SUM(duration_seconds), SUM(cost)
  FROM daily_user_totals
 GROUP BY 1, 2;
