-- The portal's seven original tables with every column, plus two changes (docs/architecture.md lists the owners):
--   * calls.status gains 'canceled' (the caller hung up before the call was answered);
--   * api_keys.api_key holds the SHA-256 hex of the key, never the key, and api_keys.key_prefix a short display prefix.
-- Timestamps are DATETIME(3) holding UTC, written by the application (mysql2 timezone 'Z') or defaulted with
-- UTC_TIMESTAMP(3), so neither the server's nor the session's time zone can shift them (docs/decisions/002).
-- Frozen once applied: change the schema with a new numbered file, never by editing this one.

CREATE TABLE users (
    id INT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    email VARCHAR(255) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role ENUM('admin', 'client') NOT NULL DEFAULT 'client',
    status ENUM('active', 'suspended', 'pending') NOT NULL DEFAULT 'pending',
    signup_date DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    last_login DATETIME(3) NULL,
    created_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    updated_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    UNIQUE KEY uq_users_email (email),
    INDEX idx_users_role (role),
    INDEX idx_users_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE api_keys (
    id INT AUTO_INCREMENT PRIMARY KEY,
    user_id INT NOT NULL,
    key_name VARCHAR(100) NOT NULL DEFAULT 'Default Key',
    api_key CHAR(64) NOT NULL COMMENT 'SHA-256 hex of the key; the key itself is never stored',
    key_prefix VARCHAR(16) NOT NULL COMMENT 'first characters of the key, for display',
    creation_date DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    expiration_date DATETIME(3) NULL,
    status ENUM('active', 'revoked', 'expired') NOT NULL DEFAULT 'active',
    last_used DATETIME(3) NULL,
    usage_count INT NOT NULL DEFAULT 0,
    CONSTRAINT fk_api_keys_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
    UNIQUE KEY uq_api_keys_api_key (api_key),
    INDEX idx_api_keys_user_id (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE phone_numbers (
    id INT AUTO_INCREMENT PRIMARY KEY,
    phone_number VARCHAR(20) NOT NULL,
    friendly_name VARCHAR(100) NULL,
    location_city VARCHAR(100) NULL,
    location_state VARCHAR(50) NULL,
    location_country VARCHAR(50) NULL DEFAULT 'US',
    owner_id INT NULL,
    status ENUM('available', 'assigned', 'pending', 'suspended') NOT NULL DEFAULT 'available',
    number_type ENUM('local', 'toll_free', 'mobile') NOT NULL DEFAULT 'local',
    monthly_cost DECIMAL(10,2) NOT NULL DEFAULT 0.00,
    provider VARCHAR(50) NOT NULL DEFAULT 'mock',
    provider_sid VARCHAR(100) NULL,
    assigned_date DATETIME(3) NULL,
    created_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    CONSTRAINT fk_phone_numbers_owner FOREIGN KEY (owner_id) REFERENCES users(id) ON DELETE SET NULL,
    UNIQUE KEY uq_phone_numbers_phone_number (phone_number),
    INDEX idx_phone_numbers_owner (owner_id),
    INDEX idx_phone_numbers_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE calls (
    id INT AUTO_INCREMENT PRIMARY KEY,
    user_id INT NOT NULL,
    from_number VARCHAR(20) NOT NULL,
    to_number VARCHAR(20) NOT NULL,
    direction ENUM('outbound', 'inbound') NOT NULL DEFAULT 'outbound',
    duration_seconds INT NOT NULL DEFAULT 0,
    start_time DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    end_time DATETIME(3) NULL,
    status ENUM('initiated', 'ringing', 'in_progress', 'completed', 'failed', 'busy', 'no_answer', 'canceled')
        NOT NULL DEFAULT 'initiated',
    call_sid VARCHAR(100) NULL,
    recording_url VARCHAR(500) NULL,
    cost DECIMAL(10,4) NOT NULL DEFAULT 0.0000,
    notes TEXT NULL,
    CONSTRAINT fk_calls_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
    INDEX idx_calls_user_start (user_id, start_time),
    INDEX idx_calls_start_time (start_time),
    INDEX idx_calls_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE user_analytics (
    id INT AUTO_INCREMENT PRIMARY KEY,
    user_id INT NOT NULL,
    total_calls INT NOT NULL DEFAULT 0,
    successful_calls INT NOT NULL DEFAULT 0,
    failed_calls INT NOT NULL DEFAULT 0,
    total_duration_seconds INT NOT NULL DEFAULT 0,
    total_cost DECIMAL(10,2) NOT NULL DEFAULT 0.00,
    last_call_date DATETIME(3) NULL,
    updated_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    CONSTRAINT fk_user_analytics_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
    UNIQUE KEY uq_user_analytics_user_id (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE number_requests (
    id INT AUTO_INCREMENT PRIMARY KEY,
    user_id INT NOT NULL,
    area_code VARCHAR(10) NULL,
    city_preference VARCHAR(100) NULL,
    number_type ENUM('local', 'toll_free', 'mobile') NOT NULL DEFAULT 'local',
    business_name VARCHAR(200) NULL,
    business_website VARCHAR(255) NULL,
    reason TEXT NULL,
    status ENUM('pending', 'approved', 'denied', 'fulfilled') NOT NULL DEFAULT 'pending',
    admin_notes TEXT NULL,
    assigned_number_id INT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    processed_at DATETIME(3) NULL,
    CONSTRAINT fk_number_requests_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
    CONSTRAINT fk_number_requests_number FOREIGN KEY (assigned_number_id) REFERENCES phone_numbers(id) ON DELETE SET NULL,
    INDEX idx_number_requests_user_status (user_id, status),
    INDEX idx_number_requests_status_created (status, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE activity_logs (
    id INT AUTO_INCREMENT PRIMARY KEY,
    user_id INT NULL,
    action VARCHAR(100) NOT NULL,
    entity_type VARCHAR(50) NULL,
    entity_id INT NULL,
    details JSON NULL,
    ip_address VARCHAR(45) NULL,
    user_agent TEXT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    CONSTRAINT fk_activity_logs_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE SET NULL,
    INDEX idx_activity_logs_user_action (user_id, action),
    INDEX idx_activity_logs_created_at (created_at),
    INDEX idx_activity_logs_action_created (action, created_at),
    INDEX idx_activity_logs_entity (entity_type, entity_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
