import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { aPage } from '../../testing/call-fixtures';
import { NUMBER_REQUESTS_ENDPOINTS, NumberRequestsApiService } from './number-requests-api.service';

describe('NumberRequestsApiService', () => {
  let api: NumberRequestsApiService;
  let httpMock: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(NumberRequestsApiService);
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => httpMock.verify());

  it('lists a page, filtered by status only when one is given', () => {
    api.list().subscribe();
    expect(httpMock.expectOne((req) => req.url === NUMBER_REQUESTS_ENDPOINTS.requests).request.params.toString()).toBe(
      'page=1&pageSize=25',
    );
    api.list({ page: 2, pageSize: 10, status: 'pending' }).subscribe();
    const filtered = httpMock.expectOne((req) => req.url === NUMBER_REQUESTS_ENDPOINTS.requests);
    expect(filtered.request.params.toString()).toBe('page=2&pageSize=10&status=pending');
    filtered.flush(aPage([]));
  });

  it('creates with POST and cancels with DELETE', () => {
    api.create({ numberType: 'local', areaCode: '909' }).subscribe();
    const create = httpMock.expectOne(NUMBER_REQUESTS_ENDPOINTS.requests);
    expect(create.request.method).toBe('POST');
    expect(create.request.body).toEqual({ numberType: 'local', areaCode: '909' });

    let cancelled = false;
    api.cancel(5).subscribe(() => (cancelled = true));
    const cancel = httpMock.expectOne(NUMBER_REQUESTS_ENDPOINTS.request(5));
    expect(cancel.request.method).toBe('DELETE');
    cancel.flush(null, { status: 204, statusText: 'No Content' });
    expect(cancelled).toBe(true);
  });
});
