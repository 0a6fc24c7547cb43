-- Activity actions use one tense and spelling: `<thing>_<past participle>`, US "canceled" (ACTIVITY_ACTIONS in
-- libs/shared/contracts/src/lib/activity.ts). Rewrites the rows stored under the former names; GET /admin/activity
-- still accepts the former names as its `action` filter (LEGACY_ACTIVITY_ACTIONS). Each UPDATE uses the
-- (action, created_at) index.

UPDATE activity_logs SET action = 'refresh_token_reused' WHERE action = 'refresh_token_reuse';
UPDATE activity_logs SET action = 'password_changed' WHERE action = 'password_change';
UPDATE activity_logs SET action = 'profile_updated' WHERE action = 'profile_update';
UPDATE activity_logs SET action = 'admin_bootstrapped' WHERE action = 'admin_bootstrap';
UPDATE activity_logs SET action = 'request_canceled' WHERE action = 'request_cancelled';
