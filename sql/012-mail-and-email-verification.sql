-- Mail that is really sent, e-mail verification and password reset (issue 13).
--
-- users.email_verified_at: when the user followed a link sent to their current address (NULL: not verified).
-- Accounts made before this migration start unverified; a banner asks them to verify.
ALTER TABLE users
    ADD COLUMN email_verified_at DATETIME(3) NULL COMMENT 'when the current email was proved by a link; NULL: not yet';

-- One-time tokens sent by e-mail: verifying an address (a new account's, or the new address of an e-mail change,
-- kept in `email`) and resetting a password. Only the SHA-256 of the random 32-byte token is stored; a token is used
-- once (used_at) and expires (48 h for verification, 1 h for a reset). Issuing a new token of a purpose ends the
-- user's unused ones of that purpose (used_at set), so only the latest link works.
CREATE TABLE email_tokens (
    id INT AUTO_INCREMENT PRIMARY KEY,
    user_id INT NOT NULL,
    purpose ENUM('verify_email', 'reset_password') NOT NULL,
    token_hash CHAR(64) NOT NULL COMMENT 'SHA-256 hex of the token; the token itself is never stored',
    email VARCHAR(255) NOT NULL COMMENT 'the address the link was sent to (and, to verify, the one it proves)',
    created_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NOT NULL,
    used_at DATETIME(3) NULL,
    CONSTRAINT fk_email_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    UNIQUE KEY uq_email_tokens_hash (token_hash),
    INDEX idx_email_tokens_user_purpose (user_id, purpose, used_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The outbox: every message the portal sends, written in the transaction of the change that causes it, with a
-- 'mail.send' job (sql/011) that delivers it over SMTP. Without SMTP_URL a message is 'held' here for admins
-- (GET /admin/mail). The one-time link is kept apart from the bodies (which carry the placeholder {{link}}) and is
-- cleared once the message is sent or given up, so the database holds a usable link only while it waits.
CREATE TABLE mail_outbox (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id INT NULL,
    to_address VARCHAR(255) NOT NULL,
    template VARCHAR(64) NOT NULL,
    subject VARCHAR(255) NOT NULL,
    text_body MEDIUMTEXT NOT NULL,
    html_body MEDIUMTEXT NOT NULL,
    secret_link VARCHAR(2000) NULL COMMENT 'the one-time link put in place of {{link}} when sending; NULL once sent',
    status ENUM('queued', 'sent', 'failed', 'held') NOT NULL DEFAULT 'queued',
    attempts INT NOT NULL DEFAULT 0,
    last_error TEXT NULL,
    message_id VARCHAR(255) NULL COMMENT 'the Message-ID sent (the same on every attempt)',
    created_at DATETIME(3) NOT NULL,
    sent_at DATETIME(3) NULL,
    CONSTRAINT fk_mail_outbox_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL,
    INDEX idx_mail_outbox_created (created_at),
    INDEX idx_mail_outbox_status_created (status, created_at),
    INDEX idx_mail_outbox_to (to_address, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
