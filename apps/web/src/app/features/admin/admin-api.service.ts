import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  type ActivityAction,
  type AdminActivityLog,
  type AdminCall,
  type AdminPhoneNumber,
  type AnalyticsRange,
  type AdminCreateNumberRequest,
  type AdminNumberRequest,
  type AdminUpdateUserRequest,
  type AdminUser,
  type AdminUserDetail,
  API_BASE_PATH,
  type NumberRequestStatus,
  type NumberStatus,
  type NumberType,
  type NumberImportResult,
  type Paginated,
  type PhoneNumber,
  type SystemAnalytics,
  type User,
  type UserRole,
  type UserStatus,
} from '@hh/contracts';
import type { Observable } from 'rxjs';
import { paramsOf } from '../../shared/http/query-params';

export const ADMIN_ENDPOINTS = {
  users: `${API_BASE_PATH}/admin/users`,
  user: (id: number) => `${API_BASE_PATH}/admin/users/${id}`,
  userTwoFactor: (id: number) => `${API_BASE_PATH}/admin/users/${id}/mfa`,
  calls: `${API_BASE_PATH}/admin/calls`,
  activity: `${API_BASE_PATH}/admin/activity`,
  analytics: `${API_BASE_PATH}/admin/analytics`,
  analyticsExport: `${API_BASE_PATH}/admin/analytics/export`,
  numbers: `${API_BASE_PATH}/admin/numbers`,
  number: (id: number) => `${API_BASE_PATH}/admin/numbers/${id}`,
  importNumbers: `${API_BASE_PATH}/admin/numbers/import`,
  requests: `${API_BASE_PATH}/admin/number-requests`,
  suggestion: (id: number) => `${API_BASE_PATH}/admin/number-requests/${id}/suggestion`,
  approve: (id: number) => `${API_BASE_PATH}/admin/number-requests/${id}/approve`,
  fulfill: (id: number) => `${API_BASE_PATH}/admin/number-requests/${id}/fulfill`,
  deny: (id: number) => `${API_BASE_PATH}/admin/number-requests/${id}/deny`,
} as const;

export interface AdminActivityListQuery {
  page: number;
  pageSize: number;
  userId?: number;
  action?: ActivityAction;
  entityType?: string;
  from?: string;
  to?: string;
}

export interface AdminRequestListQuery {
  page: number;
  pageSize: number;
  status?: NumberRequestStatus;
}

export interface AdminNumberListQuery {
  page: number;
  pageSize: number;
  q?: string;
  status?: NumberStatus;
  numberType?: NumberType;
  ownerId?: number;
}

/** PATCH /admin/numbers/:id: ownerId assigns (or null releases); the text fields take null to clear them. */
export interface AdminUpdateNumberRequest {
  ownerId?: number | null;
  status?: NumberStatus;
  friendlyName?: string | null;
  monthlyCost?: number;
  locationCity?: string | null;
  locationState?: string | null;
  locationCountry?: string | null;
  numberType?: NumberType;
}

export interface AdminUserListQuery {
  page: number;
  pageSize: number;
  q?: string;
  role?: UserRole;
  status?: UserStatus;
}

/** The admin console's side of the API (the /admin routes of the OpenAPI document). */
@Injectable({ providedIn: 'root' })
export class AdminApiService {
  private readonly http = inject(HttpClient);

  listUsers(query: AdminUserListQuery): Observable<Paginated<AdminUser>> {
    return this.http.get<Paginated<AdminUser>>(ADMIN_ENDPOINTS.users, { params: paramsOf(query) });
  }

  getUser(id: number): Observable<AdminUserDetail> {
    return this.http.get<AdminUserDetail>(ADMIN_ENDPOINTS.user(id));
  }

  updateUser(id: number, change: AdminUpdateUserRequest): Observable<User> {
    return this.http.patch<User>(ADMIN_ENDPOINTS.user(id), change);
  }

  /** Turns a user's two-factor off (a lost authenticator); the user is told by e-mail. 409 when it is off. */
  resetTwoFactor(id: number): Observable<void> {
    return this.http.delete<void>(ADMIN_ENDPOINTS.userTwoFactor(id));
  }

  /** A user's most recent calls, newest first. */
  recentCalls(userId: number, pageSize: number): Observable<Paginated<AdminCall>> {
    return this.http.get<Paginated<AdminCall>>(ADMIN_ENDPOINTS.calls, { params: paramsOf({ userId, pageSize }) });
  }

  /** A user's most recent activity, newest first. */
  recentActivity(userId: number, pageSize: number): Observable<Paginated<AdminActivityLog>> {
    return this.http.get<Paginated<AdminActivityLog>>(ADMIN_ENDPOINTS.activity, {
      params: paramsOf({ userId, pageSize }),
    });
  }

  listRequests(query: AdminRequestListQuery): Observable<Paginated<AdminNumberRequest>> {
    return this.http.get<Paginated<AdminNumberRequest>>(ADMIN_ENDPOINTS.requests, { params: paramsOf(query) });
  }

  /** The number approve would assign now, or null when nothing matches. */
  suggestion(requestId: number): Observable<PhoneNumber | null> {
    return this.http.get<PhoneNumber | null>(ADMIN_ENDPOINTS.suggestion(requestId));
  }

  /** Without a numberId the API takes the best match, or leaves the request approved and waiting. */
  approve(requestId: number, body: { numberId?: number; adminNotes?: string }): Observable<AdminNumberRequest> {
    return this.http.post<AdminNumberRequest>(ADMIN_ENDPOINTS.approve(requestId), body);
  }

  fulfill(requestId: number, body: { numberId: number; adminNotes?: string }): Observable<AdminNumberRequest> {
    return this.http.post<AdminNumberRequest>(ADMIN_ENDPOINTS.fulfill(requestId), body);
  }

  deny(requestId: number, adminNotes: string): Observable<AdminNumberRequest> {
    return this.http.post<AdminNumberRequest>(ADMIN_ENDPOINTS.deny(requestId), { adminNotes });
  }

  /** Each number carries its owner's name and email: the page needs no per-user look-ups. */
  listNumbers(query: AdminNumberListQuery): Observable<Paginated<AdminPhoneNumber>> {
    return this.http.get<Paginated<AdminPhoneNumber>>(ADMIN_ENDPOINTS.numbers, { params: paramsOf(query) });
  }

  createNumber(body: AdminCreateNumberRequest): Observable<AdminPhoneNumber> {
    return this.http.post<AdminPhoneNumber>(ADMIN_ENDPOINTS.numbers, body);
  }

  updateNumber(id: number, change: AdminUpdateNumberRequest): Observable<AdminPhoneNumber> {
    return this.http.patch<AdminPhoneNumber>(ADMIN_ENDPOINTS.number(id), change);
  }

  deleteNumber(id: number): Observable<void> {
    return this.http.delete<void>(ADMIN_ENDPOINTS.number(id));
  }

  /** Sends the file's text as it is, as text/csv; the API reports each line it created, skipped or refused. */
  importNumbers(csv: string): Observable<NumberImportResult> {
    return this.http.post<NumberImportResult>(ADMIN_ENDPOINTS.importNumbers, csv, {
      headers: new HttpHeaders({ 'Content-Type': 'text/csv' }),
    });
  }

  listActivity(query: AdminActivityListQuery): Observable<Paginated<AdminActivityLog>> {
    return this.http.get<Paginated<AdminActivityLog>>(ADMIN_ENDPOINTS.activity, { params: paramsOf(query) });
  }

  /** Counts now plus call figures of the range (the default range is the API's: the last 30 UTC days). */
  analytics(range: AnalyticsRange = {}): Observable<SystemAnalytics> {
    return this.http.get<SystemAnalytics>(ADMIN_ENDPOINTS.analytics, { params: paramsOf(range) });
  }

  /** The daily figures of the range as CSV, fetched with the session's token (a plain link could not send it). */
  exportAnalyticsCsv(range: AnalyticsRange = {}): Observable<Blob> {
    return this.http.get(ADMIN_ENDPOINTS.analyticsExport, {
      params: paramsOf(range),
      headers: new HttpHeaders({ Accept: 'text/csv' }),
      responseType: 'blob',
    });
  }
}
