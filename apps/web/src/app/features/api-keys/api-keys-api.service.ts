import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { API_BASE_PATH, type ApiKey } from '@hh/contracts';
import { map, type Observable } from 'rxjs';

export const API_KEYS_ENDPOINTS = {
  keys: `${API_BASE_PATH}/api-keys`,
  key: (id: number) => `${API_BASE_PATH}/api-keys/${id}`,
} as const;

/** Swagger UI of the REST API, served by the API itself (outside the Angular routes). */
export const API_DOCS_PATH = '/api/docs';

export interface CreateApiKeyBody {
  keyName?: string;
  /** ISO 8601 date-time in the future. */
  expiresAt?: string;
}

/** The answer to a creation: the key's record plus the secret itself, which the API never returns again. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

/** My API keys. Only a session may manage them (a key cannot create keys). */
@Injectable({ providedIn: 'root' })
export class ApiKeysApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<ApiKey[]> {
    return this.http.get<{ data: ApiKey[] }>(API_KEYS_ENDPOINTS.keys).pipe(map((response) => response.data));
  }

  create(body: CreateApiKeyBody): Observable<CreatedApiKey> {
    return this.http.post<CreatedApiKey>(API_KEYS_ENDPOINTS.keys, body);
  }

  /** Revokes a key: it stops working at once. Revoking a revoked key changes nothing. */
  revoke(id: number): Observable<void> {
    return this.http.delete<void>(API_KEYS_ENDPOINTS.key(id));
  }
}
