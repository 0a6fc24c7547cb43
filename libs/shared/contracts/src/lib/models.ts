import type {
  ApiKeyStatus,
  CallDirection,
  CallStatus,
  NumberRequestStatus,
  NumberStatus,
  NumberType,
  UserRole,
  UserStatus,
} from './domain';
import type { ActivityEntityType } from './activity';

/** Timestamps travel as ISO 8601 strings in UTC. */
export type IsoDateTime = string;

export interface User {
  id: number;
  name: string;
  email: string;
  role: UserRole;
  status: UserStatus;
  signupDate: IsoDateTime;
  lastLogin: IsoDateTime | null;
  createdAt: IsoDateTime;
  /** Whether the user followed the link sent to their current e-mail address. */
  emailVerified: boolean;
}

export interface AuthResponse {
  user: User;
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Lifetime of the access token in seconds. */
  expiresIn: number;
}

export interface SignupRequest {
  name: string;
  email: string;
  password: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface UpdateProfileRequest {
  name?: string;
  /** A new e-mail address: it takes effect once the link sent to it is followed (needs currentPassword). */
  email?: string;
  currentPassword?: string;
}

/** POST /auth/email/verify: the token from the link's fragment (#token=…). */
export interface VerifyEmailRequest {
  token: string;
}

/** POST /auth/password/forgot. */
export interface ForgotPasswordRequest {
  email: string;
}

/** POST /auth/password/reset: the token from the link's fragment and the new password. */
export interface ResetPasswordRequest {
  token: string;
  newPassword: string;
  /** Also revoke every API key of the account (true when omitted). */
  revokeApiKeys?: boolean;
  /** With two-factor on: the current code of the authenticator app (or recoveryCode). */
  code?: string;
  /** With two-factor on: one unused recovery code, instead of code. */
  recoveryCode?: string;
}

/** The 202 answer of POST /auth/password/forgot and POST /auth/email/verify/resend: the same whatever the address. */
export interface MailAcceptedResponse {
  message: string;
}

export const MAIL_STATUSES = ['queued', 'sent', 'failed', 'held'] as const;
/** queued: waiting for the worker; sent: accepted by the SMTP server; failed: given up; held: no SMTP_URL, kept here. */
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** A message of the outbox (GET /admin/mail). */
export interface OutboxMail {
  id: number;
  to: string;
  userId: number | null;
  template: string;
  subject: string;
  /** The plain-text body; its one-time link is shown only while the message has not been sent. */
  text: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: IsoDateTime;
  sentAt: IsoDateTime | null;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
  /** Also revoke every API key of the account (false when omitted). */
  revokeApiKeys?: boolean;
}

export interface Call {
  id: number;
  userId: number;
  fromNumber: string;
  toNumber: string;
  direction: CallDirection;
  status: CallStatus;
  durationSeconds: number;
  startTime: IsoDateTime;
  endTime: IsoDateTime | null;
  callSid: string | null;
  /** The audio's URL (/api/v1/recordings/{id}/media) once the call has a recording; null otherwise. */
  recordingUrl: string | null;
  cost: number;
  notes: string | null;
  /**
   * Whether the call is recorded (its number records calls, or POST /calls asked for it); the parties are told.
   * Always sent by the API (optional in this type only until the web app's test fixtures carry it).
   */
  recorded?: boolean;
}

export interface PhoneNumber {
  id: number;
  phoneNumber: string;
  friendlyName: string | null;
  locationCity: string | null;
  locationState: string | null;
  locationCountry: string | null;
  ownerId: number | null;
  status: NumberStatus;
  numberType: NumberType;
  monthlyCost: number;
  provider: string;
  assignedDate: IsoDateTime | null;
  createdAt: IsoDateTime;
  /** Calls from (outbound) and to (inbound) this number are recorded. Always sent by the API (optional: see Call). */
  recordCalls?: boolean;
}

export interface NumberRequest {
  id: number;
  userId: number;
  areaCode: string | null;
  cityPreference: string | null;
  numberType: NumberType;
  businessName: string | null;
  businessWebsite: string | null;
  reason: string | null;
  status: NumberRequestStatus;
  adminNotes: string | null;
  assignedNumberId: number | null;
  createdAt: IsoDateTime;
  processedAt: IsoDateTime | null;
}

export interface ApiKey {
  id: number;
  keyName: string;
  prefix: string;
  creationDate: IsoDateTime;
  expirationDate: IsoDateTime | null;
  status: ApiKeyStatus;
  lastUsed: IsoDateTime | null;
  usageCount: number;
}

export interface ActivityLog {
  id: number;
  userId: number | null;
  action: string;
  entityType: ActivityEntityType | null;
  entityId: number | null;
  details: Record<string, unknown> | null;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: IsoDateTime;
}

export interface HealthStatus {
  status: 'ok' | 'error';
  db: 'up' | 'down';
}
