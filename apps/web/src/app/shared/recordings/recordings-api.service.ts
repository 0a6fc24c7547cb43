import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { type AdminRecording, API_BASE_PATH, type Paginated, type Recording } from '@hh/contracts';
import { map, type Observable } from 'rxjs';
import { paramsOf } from '../http/query-params';

export const RECORDINGS_ENDPOINTS = {
  ofCall: (callId: number) => `${API_BASE_PATH}/calls/${callId}/recordings`,
  recording: (id: number) => `${API_BASE_PATH}/recordings/${id}`,
  media: (id: number) => `${API_BASE_PATH}/recordings/${id}/media`,
  admin: `${API_BASE_PATH}/admin/recordings`,
} as const;

export interface AdminRecordingListQuery {
  page: number;
  pageSize: number;
  userId?: number;
  from?: string;
  to?: string;
}

/** Call recordings: a call's list, the audio, deleting one, and every recording for admins. */
@Injectable({ providedIn: 'root' })
export class RecordingsApiService {
  private readonly http = inject(HttpClient);

  forCall(callId: number): Observable<Recording[]> {
    return this.http.get<{ data: Recording[] }>(RECORDINGS_ENDPOINTS.ofCall(callId)).pipe(map((body) => body.data));
  }

  /**
   * The audio as a Blob, fetched with the session's token (an <audio src> could not send it). A recording is at
   * most 10 minutes of 8 kHz mono WAV (about 9.6 MB), so fetching it whole is fine.
   */
  media(id: number): Observable<Blob> {
    return this.http.get(RECORDINGS_ENDPOINTS.media(id), {
      headers: new HttpHeaders({ Accept: 'audio/wav' }),
      responseType: 'blob',
    });
  }

  delete(id: number): Observable<void> {
    return this.http.delete<unknown>(RECORDINGS_ENDPOINTS.recording(id)).pipe(map(() => undefined));
  }

  adminList(query: AdminRecordingListQuery): Observable<Paginated<AdminRecording>> {
    return this.http.get<Paginated<AdminRecording>>(RECORDINGS_ENDPOINTS.admin, { params: paramsOf(query) });
  }
}
