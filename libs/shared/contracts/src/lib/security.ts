import type { IsoDateTime } from './models';

/** TOTP two-factor (RFC 6238) and recovery codes: the figures the API applies and the web app tells. */
export const TWO_FACTOR = {
  /** Digits of a TOTP code. */
  codeDigits: 6,
  /** Seconds of one time step. */
  periodSeconds: 30,
  /** Steps accepted either side of the current one (clock drift). */
  window: 1,
  /** Recovery codes issued at a time (each usable once). */
  recoveryCodes: 10,
  /** Lifetime of the mfaToken of a sign-in's second step. */
  challengeTtlSeconds: 300,
  /** Wrong codes (TOTP or recovery) per user within the window; further attempts are refused with a 429. */
  failureLimit: 5,
  failureWindowMs: 15 * 60_000,
  /** The issuer shown by authenticator apps. */
  issuer: 'Hardhat Hosting',
} as const;

/** A TOTP code: six digits (spaces are ignored). */
export const TOTP_CODE_PATTERN = /^\d{6}$/;
/** A recovery code as shown: 16 letters and digits in groups of four (xxxx-xxxx-xxxx-xxxx); case, spaces and dashes are ignored. */
export const RECOVERY_CODE_PATTERN = /^[a-z0-9]{4}([\s-]?[a-z0-9]{4}){3}$/i;

/** Problem type of the 403 an admin without two-factor gets while REQUIRE_ADMIN_MFA is on. */
export const MFA_SETUP_REQUIRED_PROBLEM = 'https://hardhathosting.work/problems/mfa-setup-required';

/** GET /me/mfa. */
export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: IsoDateTime | null;
  /** Unused recovery codes left (0 when two-factor is off). */
  recoveryCodesRemaining: number;
  /** True when the account must turn two-factor on (an admin while REQUIRE_ADMIN_MFA is set). */
  required: boolean;
}

/** POST /me/mfa/totp: the secret to enter in an authenticator app (as text, as an otpauth:// URI and as a QR code). */
export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  /** A PNG data: URL of the QR code of otpauthUrl. */
  qrCodeDataUrl: string;
}

/** POST /me/mfa/totp/confirm and POST /me/mfa/recovery-codes: shown once. */
export interface RecoveryCodes {
  recoveryCodes: string[];
}

/** POST /auth/login when two-factor is on: the second step takes mfaToken with a code. */
export interface MfaChallenge {
  mfaRequired: true;
  /** Opaque, single use, valid for TWO_FACTOR.challengeTtlSeconds; accepted only by POST /auth/login/mfa. */
  mfaToken: string;
  /** When mfaToken expires. */
  expiresAt: IsoDateTime;
}

/** POST /auth/login/mfa: a TOTP code or a recovery code, not both. */
export interface MfaLoginRequest {
  mfaToken: string;
  code?: string;
  recoveryCode?: string;
}

/** A sign-in session (one refresh-token family) as GET /me/sessions lists it. */
export interface SessionInfo {
  id: string;
  createdAt: IsoDateTime;
  lastUsedAt: IsoDateTime;
  ipAddress: string | null;
  userAgent: string | null;
  /** A short description of the browser and system, read from userAgent ("Chrome 131 on Windows"). */
  device: string;
  /** The session this request was made with. */
  current: boolean;
}
