import { HttpParams } from '@angular/common/http';

/** Query parameters without the empty ones, so that a request carries only what the user chose. */
export function paramsOf(values: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') {
      params = params.set(key, String(value));
    }
  }
  return params;
}
