import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ADMIN_ENDPOINTS } from './admin-api.service';
import { UserDirectory } from './user-directory.service';

describe('UserDirectory', () => {
  let directory: UserDirectory;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), UserDirectory],
    });
    directory = TestBed.inject(UserDirectory);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const answer = (id: number, name = `User ${id}`) =>
    http.expectOne(ADMIN_ENDPOINTS.user(id)).flush({ id, name, email: `u${id}@example.com` });

  it('looks up each id once, skipping nulls and repeats, and names the users as the answers arrive', () => {
    directory.want([7, null, 7, 9, undefined]);
    answer(7, 'Ada');
    expect(directory.labels().get(7)).toEqual({ name: 'Ada', email: 'u7@example.com' });
    expect(directory.labels().has(9)).toBe(false);
    answer(9, 'Grace');
    expect([...directory.labels().keys()]).toEqual([7, 9]);

    directory.want([7, 9]);
    http.expectNone(() => true);
  });

  it('asks at most four at a time', () => {
    directory.want([1, 2, 3, 4, 5, 6]);
    const first = http.match(() => true);
    expect(first.map((r) => r.request.url)).toEqual([1, 2, 3, 4].map((id) => ADMIN_ENDPOINTS.user(id)));
    first.forEach((r, i) => r.flush({ id: i + 1, name: `User ${i + 1}`, email: 'x@example.com' }));
    const rest = http.match(() => true);
    expect(rest.map((r) => r.request.url)).toEqual([5, 6].map((id) => ADMIN_ENDPOINTS.user(id)));
    rest.forEach((r, i) => r.flush({ id: i + 5, name: `User ${i + 5}`, email: 'x@example.com' }));
    expect(directory.labels().size).toBe(6);
  });

  it('leaves an id it cannot look up unnamed, without asking again', () => {
    directory.want([404]);
    http.expectOne(ADMIN_ENDPOINTS.user(404)).flush({ status: 404 }, { status: 404, statusText: 'Not Found' });
    expect(directory.labels().has(404)).toBe(false);
    directory.want([404]);
    http.expectNone(ADMIN_ENDPOINTS.user(404));
  });

  it('remembers users a page fetched anyway, so they are never looked up', () => {
    directory.remember([{ id: 3, name: 'Linus', email: 'l@example.com' }]);
    directory.want([3]);
    http.expectNone(ADMIN_ENDPOINTS.user(3));
    expect(directory.labels().get(3)?.name).toBe('Linus');
  });
});
