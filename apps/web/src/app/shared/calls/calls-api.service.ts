import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { API_BASE_PATH, type Call, type CallStats, type Paginated, type PlaceCallRequest } from '@hh/contracts';
import { map, type Observable } from 'rxjs';
import type { CallFilters, CallListQuery } from './calls.models';
import { paramsOf } from '../http/query-params';

export const CALLS_ENDPOINTS = {
  calls: `${API_BASE_PATH}/calls`,
  call: (id: number) => `${API_BASE_PATH}/calls/${id}`,
  digits: (id: number) => `${API_BASE_PATH}/calls/${id}/digits`,
  answer: (id: number) => `${API_BASE_PATH}/calls/${id}/answer`,
  decline: (id: number) => `${API_BASE_PATH}/calls/${id}/decline`,
  stats: `${API_BASE_PATH}/calls/stats`,
  export: `${API_BASE_PATH}/calls/export`,
} as const;

/** The signed-in user's calls (/calls in the OpenAPI document): place, follow, hang up, list, summarise and export. */
@Injectable({ providedIn: 'root' })
export class CallsApiService {
  private readonly http = inject(HttpClient);

  /**
   * Places a call. The key makes the request safe to repeat: the API answers a repeated key with the same call
   * instead of dialling twice, so each dial attempt gets a fresh one.
   */
  place(request: PlaceCallRequest, idempotencyKey: string): Observable<Call> {
    return this.http.post<Call>(CALLS_ENDPOINTS.calls, request, {
      headers: new HttpHeaders({ 'Idempotency-Key': idempotencyKey }),
    });
  }

  list(query: CallListQuery): Observable<Paginated<Call>> {
    return this.http.get<Paginated<Call>>(CALLS_ENDPOINTS.calls, { params: paramsOf(query) });
  }

  get(id: number): Observable<Call> {
    return this.http.get<Call>(CALLS_ENDPOINTS.call(id));
  }

  /** Hangs up: `canceled` before the answer, `completed` once in progress (see hangUpStatusFor). */
  hangUp(id: number, status: 'canceled' | 'completed'): Observable<Call> {
    return this.http.patch<Call>(CALLS_ENDPOINTS.call(id), { status });
  }

  /** Answers one of my inbound calls while it rings (mock provider): both legs go in progress. */
  answer(id: number): Observable<Call> {
    return this.http.post<Call>(CALLS_ENDPOINTS.answer(id), {});
  }

  /** Refuses one of my ringing inbound calls (mock provider): it ends busy. */
  decline(id: number): Observable<Call> {
    return this.http.post<Call>(CALLS_ENDPOINTS.decline(id), {});
  }

  /** Replaces the notes; an empty text clears them. */
  updateNotes(id: number, notes: string): Observable<Call> {
    return this.http.patch<Call>(CALLS_ENDPOINTS.call(id), { notes: notes.trim() === '' ? null : notes });
  }

  /** Sends DTMF tones during an answered call (202). */
  sendDigits(id: number, digits: string): Observable<void> {
    return this.http.post<unknown>(CALLS_ENDPOINTS.digits(id), { digits }).pipe(map(() => undefined));
  }

  stats(range: { from: string; to: string }): Observable<CallStats> {
    return this.http.get<CallStats>(CALLS_ENDPOINTS.stats, { params: paramsOf(range) });
  }

  /** Every call matching the filters as CSV, fetched with the session's token (a plain link could not send it). */
  exportCsv(filters: CallFilters & { sort?: string }): Observable<Blob> {
    return this.http.get(CALLS_ENDPOINTS.export, {
      params: paramsOf({ format: 'csv', ...filters }),
      headers: new HttpHeaders({ Accept: 'text/csv' }),
      responseType: 'blob',
    });
  }
}
