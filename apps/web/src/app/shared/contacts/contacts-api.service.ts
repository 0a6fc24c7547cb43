import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_BASE_PATH,
  type Contact,
  type ContactDirectoryEntry,
  type ContactImportResult,
  type ContactInput,
  type Paginated,
} from '@hh/contracts';
import type { Observable } from 'rxjs';

export const CONTACTS_ENDPOINTS = {
  contacts: `${API_BASE_PATH}/contacts`,
  contact: (id: number) => `${API_BASE_PATH}/contacts/${id}`,
  directory: `${API_BASE_PATH}/contacts/directory`,
  import: `${API_BASE_PATH}/contacts/import`,
  export: `${API_BASE_PATH}/contacts/export`,
} as const;

export interface ContactListQuery {
  q?: string;
  page: number;
  pageSize: number;
}

/** My contacts (GET/POST/PATCH/DELETE /contacts, the number→name directory, CSV import and export). */
@Injectable({ providedIn: 'root' })
export class ContactsApiService {
  private readonly http = inject(HttpClient);

  list(query: ContactListQuery): Observable<Paginated<Contact>> {
    const params: Record<string, string | number> = { page: query.page, pageSize: query.pageSize };
    if (query.q) {
      params['q'] = query.q;
    }
    return this.http.get<Paginated<Contact>>(CONTACTS_ENDPOINTS.contacts, { params });
  }

  directory(): Observable<ContactDirectoryEntry[]> {
    return this.http.get<ContactDirectoryEntry[]>(CONTACTS_ENDPOINTS.directory);
  }

  create(input: ContactInput): Observable<Contact> {
    return this.http.post<Contact>(CONTACTS_ENDPOINTS.contacts, input);
  }

  update(id: number, input: Partial<ContactInput>): Observable<Contact> {
    return this.http.patch<Contact>(CONTACTS_ENDPOINTS.contact(id), input);
  }

  delete(id: number): Observable<void> {
    return this.http.delete<void>(CONTACTS_ENDPOINTS.contact(id));
  }

  /** Sends the file's text as it is, as text/csv; the API reports each line it created, skipped or refused. */
  importCsv(text: string): Observable<ContactImportResult> {
    return this.http.post<ContactImportResult>(CONTACTS_ENDPOINTS.import, text, {
      headers: new HttpHeaders({ 'Content-Type': 'text/csv' }),
    });
  }

  exportCsv(): Observable<Blob> {
    return this.http.get(CONTACTS_ENDPOINTS.export, {
      responseType: 'blob',
      headers: new HttpHeaders({ Accept: 'text/csv' }),
    });
  }
}
