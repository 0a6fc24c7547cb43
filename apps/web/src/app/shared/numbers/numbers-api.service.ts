import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { API_BASE_PATH, PAGE_SIZE_MAX, type Paginated, type PhoneNumber } from '@hh/contracts';
import { map, type Observable } from 'rxjs';

export const NUMBERS_ENDPOINTS = {
  numbers: `${API_BASE_PATH}/numbers`,
  number: (id: number) => `${API_BASE_PATH}/numbers/${id}`,
} as const;

/** Friendly names are at most 100 characters (PATCH /numbers/{id} in the OpenAPI document). */
export const FRIENDLY_NAME_MAX_LENGTH = 100;

/** The phone numbers assigned to the signed-in user. */
@Injectable({ providedIn: 'root' })
export class NumbersApiService {
  private readonly http = inject(HttpClient);

  /** My numbers, first page of the largest size: a client holds a handful, far fewer than a hundred. */
  myNumbers(): Observable<PhoneNumber[]> {
    return this.http
      .get<Paginated<PhoneNumber>>(NUMBERS_ENDPOINTS.numbers, { params: { page: 1, pageSize: PAGE_SIZE_MAX } })
      .pipe(map((page) => page.data));
  }

  /** Names (or, with a blank name, un-names) one of my numbers. The name is sent trimmed; blank means null. */
  rename(id: number, friendlyName: string | null): Observable<PhoneNumber> {
    const trimmed = friendlyName?.trim() ?? '';
    return this.http.patch<PhoneNumber>(NUMBERS_ENDPOINTS.number(id), { friendlyName: trimmed || null });
  }

  /** Records (or stops recording) the calls from and to one of my numbers. */
  setRecordCalls(id: number, recordCalls: boolean): Observable<PhoneNumber> {
    return this.http.patch<PhoneNumber>(NUMBERS_ENDPOINTS.number(id), { recordCalls });
  }
}
