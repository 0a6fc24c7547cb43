-- TOTP two-factor authentication (RFC 6238) and what it needs (issue 13, item 4).
-- The TOTP secret must be read back to check codes, so it is stored encrypted (AES-256-GCM under
-- DATA_ENCRYPTION_KEY, the key's id inside the value so the key can rotate); recovery codes and the sign-in
-- challenges (mfaToken) are stored only as SHA-256, as every other token.

-- One row per user who started setting up two-factor; enabled_at is set once the first code confirmed it.
CREATE TABLE user_totp (
    user_id INT NOT NULL PRIMARY KEY,
    secret_encrypted VARCHAR(255) NOT NULL COMMENT 'v1.<key id>.<iv>.<tag>.<ciphertext> (base64url), AES-256-GCM',
    enabled_at DATETIME(3) NULL COMMENT 'NULL while the set-up awaits its first code',
    last_used_step BIGINT NULL COMMENT 'the last accepted time step: a code of that step or an earlier one is refused (replay)',
    created_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    CONSTRAINT fk_user_totp_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Ten single-use recovery codes per user, shown once; regenerating replaces them all.
CREATE TABLE totp_recovery_codes (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id INT NOT NULL,
    code_hash CHAR(64) NOT NULL COMMENT 'SHA-256 hex of the normalised code',
    used_at DATETIME(3) NULL,
    created_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    CONSTRAINT fk_totp_recovery_codes_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
    UNIQUE KEY uq_totp_recovery_codes_user_hash (user_id, code_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The second step of a sign-in: POST /auth/login answers an opaque mfaToken (stored as its SHA-256), which only
-- POST /auth/login/mfa accepts, once, before expires_at. It is no access token (not a JWT).
CREATE TABLE mfa_challenges (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    token_hash CHAR(64) NOT NULL,
    user_id INT NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    expires_at DATETIME(3) NOT NULL,
    consumed_at DATETIME(3) NULL,
    CONSTRAINT fk_mfa_challenges_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
    UNIQUE KEY uq_mfa_challenges_token_hash (token_hash),
    INDEX idx_mfa_challenges_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Sessions you can see (item 5): GET /me/sessions lists a user's live sessions, newest use first.
CREATE INDEX idx_auth_sessions_user_last_used ON auth_sessions (user_id, last_used_at);
