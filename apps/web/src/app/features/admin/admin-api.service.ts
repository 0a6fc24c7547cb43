import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  type ActivityLog,
  type AdminUpdateUserRequest,
  type AdminUser,
  type AdminUserDetail,
  API_BASE_PATH,
  type Call,
  type Paginated,
  type User,
  type UserRole,
  type UserStatus,
} from '@hh/contracts';
import type { Observable } from 'rxjs';

export const ADMIN_ENDPOINTS = {
  users: `${API_BASE_PATH}/admin/users`,
  user: (id: number) => `${API_BASE_PATH}/admin/users/${id}`,
  calls: `${API_BASE_PATH}/admin/calls`,
  activity: `${API_BASE_PATH}/admin/activity`,
} as const;

export interface AdminUserListQuery {
  page: number;
  pageSize: number;
  q?: string;
  role?: UserRole;
  status?: UserStatus;
}

/** Query parameters without the empty ones, so that requests carry only what the admin chose. */
function paramsOf(values: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') {
      params = params.set(key, String(value));
    }
  }
  return params;
}

/** The admin console's side of the API (API.md "Admin"). */
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

  /** A user's most recent calls, newest first. */
  recentCalls(userId: number, pageSize: number): Observable<Paginated<Call>> {
    return this.http.get<Paginated<Call>>(ADMIN_ENDPOINTS.calls, { params: paramsOf({ userId, pageSize }) });
  }

  /** A user's most recent activity, newest first. */
  recentActivity(userId: number, pageSize: number): Observable<Paginated<ActivityLog>> {
    return this.http.get<Paginated<ActivityLog>>(ADMIN_ENDPOINTS.activity, { params: paramsOf({ userId, pageSize }) });
  }
}
