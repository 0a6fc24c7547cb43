import type { ActivityLog, Call, NumberRequest, PhoneNumber, User } from './models';
import type { CallStatus, NumberType, UserRole, UserStatus } from './domain';
import type { DailyCallFigures } from './calls';

/** A row of GET /admin/users: the User with its call total (user_analytics) and assigned numbers. */
export interface AdminUser extends User {
  totalCalls: number;
  numbersCount: number;
}

/** A user's call totals (the user_analytics row); zeros when the user never called. */
export interface UserAnalytics {
  totalCalls: number;
  successfulCalls: number;
  failedCalls: number;
  canceledCalls: number;
  totalDurationSeconds: number;
  totalCost: number;
  lastCallDate: string | null;
}

/** GET /admin/users/:id */
export interface AdminUserDetail extends User {
  analytics: UserAnalytics;
  numbers: PhoneNumber[];
}

export interface AdminUpdateUserRequest {
  role?: UserRole;
  status?: UserStatus;
  name?: string;
}

/**
 * A user as admin lists name them (owner of a number, author of an activity entry, caller, requester): each row
 * carries the names it is shown with, so a page costs one request, not one per user.
 */
export interface UserRef {
  id: number;
  name: string;
  email: string;
}

/** The requesting user as GET /admin/number-requests shows them. */
export type RequestingUser = UserRef;

/** A row of GET /admin/numbers: the number with its owner (null when unowned). */
export interface AdminPhoneNumber extends PhoneNumber {
  owner: UserRef | null;
}

/** A row of GET /admin/calls: the call with its caller (null only if the user was deleted meanwhile). */
export interface AdminCall extends Call {
  user: UserRef | null;
}

/**
 * A row of GET /admin/activity, and the data of the live `activity.created` event: the entry with who acted (`user`,
 * null for system entries) and, when the entry is about a user (entityType "user"), that user (`entityUser`).
 */
export interface AdminActivityLog extends ActivityLog {
  user: UserRef | null;
  entityUser: UserRef | null;
}

export interface AdminNumberRequest extends NumberRequest {
  user: RequestingUser;
}

/** Columns of POST /admin/numbers/import (text/csv); only phoneNumber is required. */
export const NUMBER_IMPORT_COLUMNS = [
  'phoneNumber',
  'friendlyName',
  'locationCity',
  'locationState',
  'numberType',
  'monthlyCost',
] as const;

export interface NumberImportLine {
  /** The line of the file (the header is line 1). */
  line: number;
  message: string;
}

/** created + skipped + errors.length = the data rows of the file. */
export interface NumberImportResult {
  created: number;
  /** Rows whose number already exists, or appears earlier in the file; each reason is in skippedRows. */
  skipped: number;
  errors: NumberImportLine[];
  skippedRows: NumberImportLine[];
}

export interface AdminCreateNumberRequest {
  phoneNumber: string;
  friendlyName?: string;
  locationCity?: string;
  locationState?: string;
  locationCountry?: string;
  numberType?: NumberType;
  monthlyCost?: number;
}

/** The largest monthly_cost DECIMAL(10,2) holds. */
export const MONTHLY_COST_MAX = 99_999_999.99;

/** GET /admin/analytics: counts now, plus call figures within the range. */
export interface SystemAnalytics {
  totals: {
    users: number;
    activeUsers: number;
    pendingUsers: number;
    suspendedUsers: number;
    calls: number;
    successfulCalls: number;
    failedCalls: number;
    totalDurationSeconds: number;
    totalCost: number;
    numbers: number;
    assignedNumbers: number;
    availableNumbers: number;
    pendingRequests: number;
  };
  /** Every UTC day of the range, in order, zeros included. */
  daily: DailyCallFigures[];
  byStatus: Record<CallStatus, number>;
  /** At most 10 users with the most calls in the range (ties: lower id first). */
  topUsers: TopUser[];
}

export interface TopUser {
  userId: number;
  name: string;
  email: string;
  calls: number;
  durationSeconds: number;
  cost: number;
}

/** A range for GET /admin/analytics: dates (YYYY-MM-DD, UTC days) or date-times; `to` is inclusive for a date. */
export interface AnalyticsRange {
  from?: string;
  to?: string;
}
