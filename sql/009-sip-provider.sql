-- Real calls through Kamailio (VOIP_PROVIDER=sip, docs/telephony.md).
--
-- sip_events is Kamailio's durable inbox: it INSERTs each call event (sip_call_id, event, sip_code, occurred_at_ms)
-- and every API instance's SipEventInbox claims the unprocessed rows in id order (SELECT ... FOR UPDATE SKIP
-- LOCKED on (processed_at, id)), applies them to the calls whose call_sid is the Call-ID (the caller's leg) or the
-- Call-ID + ';in' (the callee's), and sets processed_at in the same transaction. Events that arrive while no API
-- runs wait here and are applied with their own times.
CREATE TABLE sip_events (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    sip_call_id VARCHAR(255) NOT NULL COMMENT 'the SIP Call-ID of the dialog',
    event ENUM('ringing', 'answered', 'ended', 'failed') NOT NULL,
    sip_code SMALLINT NULL COMMENT 'the reply code: 180/183, 200, or the final failure (4xx-6xx)',
    occurred_at_ms BIGINT NOT NULL COMMENT 'when it happened, unix ms by the SIP server''s clock',
    created_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    processed_at DATETIME(3) NULL COMMENT 'when an API instance applied it; NULL = still to apply',
    INDEX idx_sip_events_unprocessed (processed_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The price per started minute, locked when the call is placed (the mock's VOIP_MOCK_RATE_PER_MINUTE, the trunk's
-- SIP_RATE_PER_MINUTE, 0 on-net and inbound), so a later change of the setting never reprices a call in flight.
-- NULL on the calls placed before this file, which cost the mock rate. A SIP Call-ID (plus ';in' on the callee's
-- leg) can be longer than the mock's 36-character sids. (Both changes are instant on InnoDB: no table rebuild.)
ALTER TABLE calls
    ADD COLUMN rate_per_minute DECIMAL(10,4) NULL COMMENT 'price per started minute, locked when placed' AFTER cost,
    MODIFY call_sid VARCHAR(255) NULL;
