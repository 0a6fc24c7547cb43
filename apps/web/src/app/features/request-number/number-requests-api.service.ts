import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_BASE_PATH,
  type NumberRequest,
  type NumberRequestStatus,
  type NumberType,
  PAGE_SIZE_DEFAULT,
  type Paginated,
} from '@hh/contracts';
import type { Observable } from 'rxjs';

export const NUMBER_REQUESTS_ENDPOINTS = {
  requests: `${API_BASE_PATH}/number-requests`,
  request: (id: number) => `${API_BASE_PATH}/number-requests/${id}`,
} as const;

/** POST /number-requests: only the type is required; blank optional fields are left out, never sent empty. */
export interface CreateNumberRequestBody {
  numberType: NumberType;
  areaCode?: string;
  cityPreference?: string;
  businessName?: string;
  businessWebsite?: string;
  reason?: string;
}

export interface NumberRequestsQuery {
  page?: number;
  pageSize?: number;
  status?: NumberRequestStatus;
}

/** My requests for a phone number: newest first, at most five pending at a time. */
@Injectable({ providedIn: 'root' })
export class NumberRequestsApiService {
  private readonly http = inject(HttpClient);

  list(query: NumberRequestsQuery = {}): Observable<Paginated<NumberRequest>> {
    const params: Record<string, string | number> = {
      page: query.page ?? 1,
      pageSize: query.pageSize ?? PAGE_SIZE_DEFAULT,
    };
    if (query.status) {
      params['status'] = query.status;
    }
    return this.http.get<Paginated<NumberRequest>>(NUMBER_REQUESTS_ENDPOINTS.requests, { params });
  }

  create(body: CreateNumberRequestBody): Observable<NumberRequest> {
    return this.http.post<NumberRequest>(NUMBER_REQUESTS_ENDPOINTS.requests, body);
  }

  /** Withdraws a pending request (the API deletes it); a processed one is a 409. */
  cancel(id: number): Observable<void> {
    return this.http.delete<void>(NUMBER_REQUESTS_ENDPOINTS.request(id));
  }
}
