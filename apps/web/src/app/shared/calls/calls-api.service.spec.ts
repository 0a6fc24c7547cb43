import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { aCall, aPage } from '../../testing/call-fixtures';
import { CallsApiService, CALLS_ENDPOINTS } from './calls-api.service';

describe('CallsApiService', () => {
  let api: CallsApiService;
  let httpMock: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(CallsApiService);
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => httpMock.verify());

  it('places a call with its idempotency key', () => {
    api.place({ toNumber: '+15005550004', fromNumber: '+19095550100' }, 'key-1').subscribe();
    const request = httpMock.expectOne(CALLS_ENDPOINTS.calls);
    expect(request.request.method).toBe('POST');
    expect(request.request.headers.get('Idempotency-Key')).toBe('key-1');
    expect(request.request.body).toEqual({ toNumber: '+15005550004', fromNumber: '+19095550100' });
    request.flush(aCall({ status: 'initiated' }));
  });

  it('lists with only the filters that are set', () => {
    api.list({ page: 2, pageSize: 10, sort: '-cost', status: 'failed', q: '' }).subscribe();
    const request = httpMock.expectOne((req) => req.url === CALLS_ENDPOINTS.calls);
    expect(request.request.params.toString()).toBe('page=2&pageSize=10&sort=-cost&status=failed');
    request.flush(aPage([]));
  });

  it('clears notes with null and keeps text as written', () => {
    api.updateNotes(4, '  ').subscribe();
    expect(httpMock.expectOne(CALLS_ENDPOINTS.call(4)).request.body).toEqual({ notes: null });
    api.updateNotes(4, 'Call back Monday').subscribe();
    const request = httpMock.expectOne(CALLS_ENDPOINTS.call(4));
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ notes: 'Call back Monday' });
  });

  it('sends digits and exports CSV as a blob', () => {
    let sent = false;
    api.sendDigits(4, '1#').subscribe(() => (sent = true));
    const digits = httpMock.expectOne(CALLS_ENDPOINTS.digits(4));
    expect(digits.request.body).toEqual({ digits: '1#' });
    digits.flush(null, { status: 202, statusText: 'Accepted' });
    expect(sent).toBe(true);

    api.exportCsv({ direction: 'outbound' }).subscribe();
    const csv = httpMock.expectOne((req) => req.url === CALLS_ENDPOINTS.export);
    expect(csv.request.params.toString()).toBe('format=csv&direction=outbound');
    expect(csv.request.responseType).toBe('blob');
  });
});
