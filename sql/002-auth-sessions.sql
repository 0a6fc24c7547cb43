-- Sign-in sessions and their refresh tokens (RFC 9700 rotation with reuse detection).
-- A session is one refresh-token family: every refresh rotates the token inside the same session, and
-- presenting an already-rotated token revokes the whole session. The access JWT carries the session id,
-- so revoking a session stops its access token on the next request too.

CREATE TABLE auth_sessions (
    id CHAR(36) NOT NULL PRIMARY KEY COMMENT 'UUID; the sid claim of the access token',
    user_id INT NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    last_used_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    expires_at DATETIME(3) NOT NULL COMMENT 'absolute end of the session, whatever the rotations',
    revoked_at DATETIME(3) NULL,
    revoked_reason VARCHAR(50) NULL,
    ip_address VARCHAR(45) NULL,
    user_agent VARCHAR(500) NULL,
    CONSTRAINT fk_auth_sessions_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
    INDEX idx_auth_sessions_user (user_id, revoked_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE refresh_tokens (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    session_id CHAR(36) NOT NULL,
    token_hash CHAR(64) NOT NULL COMMENT 'SHA-256 hex of the opaque token',
    created_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    expires_at DATETIME(3) NOT NULL,
    rotated_at DATETIME(3) NULL COMMENT 'set when exchanged for a new token; presenting it again is reuse',
    CONSTRAINT fk_refresh_tokens_session FOREIGN KEY (session_id) REFERENCES auth_sessions(id) ON DELETE CASCADE,
    UNIQUE KEY uq_refresh_tokens_token_hash (token_hash),
    INDEX idx_refresh_tokens_session (session_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
