import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { MatSortHarness } from '@angular/material/sort/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Call } from '@hh/contracts';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { aUser } from '../../testing/auth-fixtures';
import { aCall, aPage } from '../../testing/call-fixtures';
import { FakeLiveEvents, provideFakeLiveEvents } from '../../testing/live-events';
import { startTestSession } from '../../testing/session';
import { CALLS_ENDPOINTS } from '../../shared/calls/calls-api.service';
import { RECORDINGS_ENDPOINTS } from '../../shared/recordings/recordings-api.service';
import { CallHistoryPageComponent } from './call-history-page.component';
import { provideContactDirectory } from '../../testing/contacts';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute)).toISOString();

describe('CallHistoryPageComponent', () => {
  let harness: RouterTestingHarness;
  let httpMock: HttpTestingController;
  let events: FakeLiveEvents;
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;

  beforeEach(async () => {
    events = new FakeLiveEvents();
    TestBed.configureTestingModule({
      providers: [
        provideContactDirectory(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'voip/calls', component: CallHistoryPageComponent }]),
        providePortalIcons(),
        provideFakeLiveEvents(events),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
    startTestSession(aUser());
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => httpMock.verify());

  const element = () => harness.routeNativeElement as HTMLElement;
  const url = () => TestBed.inject(Router).url;
  const expectList = (): TestRequest =>
    httpMock.expectOne((request) => request.url === CALLS_ENDPOINTS.calls && request.method === 'GET');

  async function visit(path: string, calls: Call[] = [], total = calls.length): Promise<TestRequest> {
    await harness.navigateByUrl(path);
    const request = expectList();
    const params = request.request.params;
    request.flush(aPage(calls, Number(params.get('page')), Number(params.get('pageSize')), total));
    await harness.fixture.whenStable();
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(harness.fixture);
    return request;
  }

  async function answerList(calls: Call[] = [], total = calls.length): Promise<TestRequest> {
    const request = expectList();
    request.flush(
      aPage(calls, Number(request.request.params.get('page')), Number(request.request.params.get('pageSize')), total),
    );
    await harness.fixture.whenStable();
    return request;
  }

  async function tableRows(): Promise<Record<string, string>[]> {
    const table = await loader.getHarness(MatTableHarness.with({ selector: '[aria-label="Calls"]' }));
    return Promise.all((await table.getRows()).map((row) => row.getCellTextByColumnName()));
  }

  it('asks the API for what the URL says', async () => {
    const request = await visit(
      '/voip/calls?page=2&pageSize=50&sort=-cost&status=failed&direction=outbound&from=2026-11-01&to=2026-11-30&q=(909)%20687',
    );
    expect(request.request.params.keys().sort()).toEqual([
      'direction',
      'from',
      'page',
      'pageSize',
      'q',
      'sort',
      'status',
      'to',
    ]);
    expect(request.request.params.get('page')).toBe('2');
    expect(request.request.params.get('pageSize')).toBe('50');
    expect(request.request.params.get('sort')).toBe('-cost');
    expect(request.request.params.get('status')).toBe('failed');
    expect(request.request.params.get('direction')).toBe('outbound');
    expect(request.request.params.get('from')).toBe(new Date(2026, 10, 1).toISOString());
    expect(request.request.params.get('to')).toBe(new Date(2026, 10, 30, 23, 59, 59, 999).toISOString());
    expect(request.request.params.get('q')).toBe('909687');
  });

  it('shows the calls with formatted numbers, outcomes, durations and costs', async () => {
    await visit('/voip/calls', [
      aCall({ id: 2, toNumber: '+19096874971', status: 'completed', durationSeconds: 154, cost: 0.06 }),
      aCall({ id: 1, toNumber: '+15005550001', status: 'failed', durationSeconds: 0, cost: 0 }),
    ]);
    const rows = await tableRows();

    expect(rows[0]['number']).toContain('(909) 687-4971');
    expect(rows[0]['status']).toBe('Completed');
    expect(rows[0]['durationSeconds']).toBe('2m 34s');
    expect(rows[0]['cost']).toBe('$0.0600');
    expect(rows[1]['status']).toBe('Failed');
    expect(rows[1]['durationSeconds']).toBe('—');
    expect(element().querySelector('.tone-danger')?.textContent?.trim()).toBe('Failed');
  });

  it('maps the sort headers to the API sort orders, falling back to newest first', async () => {
    await visit('/voip/calls', [aCall()]);
    const sort = await loader.getHarness(MatSortHarness);
    const header = async (label: string) => (await sort.getSortHeaders({ label }))[0];

    expect(await (await header('Start time')).getSortDirection()).toBe('desc');

    await (await header('Duration')).click();
    expect(url()).toBe('/voip/calls?sort=-durationSeconds');
    expect((await answerList([aCall()])).request.params.get('sort')).toBe('-durationSeconds');
    expect(await (await header('Duration')).getSortDirection()).toBe('desc');

    await (await header('Duration')).click(); // there is no "shortest first": back to the default order
    expect(url()).toBe('/voip/calls');
    expect((await answerList([aCall()])).request.params.get('sort')).toBe('-startTime');
    expect(await (await header('Start time')).getSortDirection()).toBe('desc');
    expect(await (await header('Duration')).isActive()).toBe(false);

    await (await header('Start time')).click();
    expect(url()).toBe('/voip/calls?sort=startTime');
    expect((await answerList([aCall()])).request.params.get('sort')).toBe('startTime');

    await (await header('Cost')).click();
    expect(url()).toBe('/voip/calls?sort=-cost');
    await answerList([aCall()]);
  });

  it('writes the filters to the URL and starts again from page 1', async () => {
    await visit('/voip/calls?page=3', [aCall()], 80);
    const status = await (
      await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Status' }))
    ).getControl(MatSelectHarness);
    await status?.open();
    await status?.clickOptions({ text: 'No answer' });
    expect(url()).toBe('/voip/calls?status=no_answer');
    await answerList([]);

    const direction = await (
      await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Direction' }))
    ).getControl(MatSelectHarness);
    await direction?.open();
    await direction?.clickOptions({ text: 'Inbound' });
    expect(url()).toBe('/voip/calls?status=no_answer&direction=inbound');
    await answerList([]);

    const from = (await (
      await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'From' }))
    ).getControl(MatInputHarness)) as MatInputHarness;
    await from.setValue('2026-11-01');
    await (await from.host()).dispatchEvent('change');
    expect(url()).toBe('/voip/calls?status=no_answer&direction=inbound&from=2026-11-01');
    await answerList([]);

    // Nothing matches: the empty state offers to clear the filters.
    expect(element().textContent).toContain('No calls match these filters');
    (
      Array.from(element().querySelectorAll('button')).find(
        (b) => b.textContent?.trim() === 'Show all calls',
      ) as HTMLButtonElement
    ).click();
    await harness.fixture.whenStable();
    expect(url()).toBe('/voip/calls');
    await answerList([]);
    expect(element().textContent).toContain('No calls yet');
  });

  it('marks recorded calls and filters by Recorded (any, yes, no) through the URL', async () => {
    await visit('/voip/calls', [aCall({ id: 2, recorded: true }), aCall({ id: 1, recorded: false })]);
    const markers = element().querySelectorAll('[data-testid="recorded-marker"]');
    expect(markers).toHaveLength(1);
    expect(markers[0].getAttribute('role')).toBe('img');
    expect(markers[0].getAttribute('aria-label')).toBe('Recorded');
    expect(markers[0].closest('tr')?.querySelector('button.number')).not.toBeNull();

    const recorded = await (
      await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Recorded' }))
    ).getControl(MatSelectHarness);
    await recorded?.open();
    await recorded?.clickOptions({ text: 'Yes' });
    expect(url()).toBe('/voip/calls?recorded=yes');
    expect((await answerList([])).request.params.get('recorded')).toBe('true');

    await recorded?.open();
    await recorded?.clickOptions({ text: 'No' });
    expect(url()).toBe('/voip/calls?recorded=no');
    expect((await answerList([])).request.params.get('recorded')).toBe('false');

    await recorded?.open();
    await recorded?.clickOptions({ text: 'Any' });
    expect(url()).toBe('/voip/calls');
    expect((await answerList([])).request.params.has('recorded')).toBe(false);
  });

  it("lists a recorded call's recordings in its details, with the player", async () => {
    jest.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
    const call = aCall({ id: 4, recorded: true, recordingUrl: '/api/v1/recordings/31/media' });
    await visit('/voip/calls', [call]);
    (element().querySelector('tr.call-row') as HTMLElement).click();
    await harness.fixture.whenStable();
    httpMock.expectOne(RECORDINGS_ENDPOINTS.ofCall(4)).flush({
      data: [
        {
          id: 31,
          callId: 4,
          status: 'completed',
          durationSeconds: 30,
          sizeBytes: 480_044,
          format: 'wav',
          createdAt: '2026-11-24T10:18:00.000Z',
          expiresAt: '2027-02-22T10:18:00.000Z',
        },
      ],
    });
    await harness.fixture.whenStable();

    const dialog = await rootLoader.getHarness(MatDialogHarness);
    const host = document.querySelector('mat-dialog-container') as HTMLElement;
    expect(host.querySelector('[data-testid="recording-player"]')).not.toBeNull();
    expect(host.querySelector('button[aria-label="Play recording"]')).not.toBeNull();
    expect(host.querySelector('button[aria-label="Delete recording"]')).not.toBeNull();
    await dialog.close();
  });

  it('says a call was not recorded without asking for recordings', async () => {
    await visit('/voip/calls', [aCall({ id: 4, recorded: false })]);
    (element().querySelector('tr.call-row') as HTMLElement).click();
    await harness.fixture.whenStable();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getContentText()).toContain('Not recorded');
    httpMock.expectNone(RECORDINGS_ENDPOINTS.ofCall(4));
    await dialog.close();
  });

  it('searches by number once typing pauses for 300 ms', async () => {
    await visit('/voip/calls', [aCall()]);
    const search = (await (
      await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Search number' }))
    ).getControl(MatInputHarness)) as MatInputHarness;

    await search.setValue('(909) 68');
    httpMock.expectNone((request) => request.url === CALLS_ENDPOINTS.calls);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await harness.fixture.whenStable();

    expect(url()).toBe('/voip/calls?q=(909)%2068');
    expect((await answerList([aCall()])).request.params.get('q')).toBe('90968');
  });

  it('pages through the server with the paginator', async () => {
    await visit('/voip/calls', [aCall()], 60);
    const paginator = await loader.getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('1 – 25 of 60');

    await paginator.goToNextPage();
    expect(url()).toBe('/voip/calls?page=2');
    await answerList([aCall()], 60);

    await paginator.setPageSize(100);
    expect(url()).toContain('pageSize=100');
    await answerList([aCall()], 60);
  });

  it('updates rows in place from the live stream and adds new calls on the first page', async () => {
    await visit('/voip/calls', [aCall({ id: 1, status: 'ringing', durationSeconds: 0, startTime: at(10) })], 1);

    events.callUpdates.next(aCall({ id: 1, status: 'completed', durationSeconds: 30, startTime: at(10) }));
    await harness.fixture.whenStable();
    let rows = await tableRows();
    expect(rows.map((row) => row['status'])).toEqual(['Completed']);
    expect(rows[0]['durationSeconds']).toBe('30s');

    events.callUpdates.next(aCall({ id: 2, status: 'initiated', durationSeconds: 0, startTime: at(20) }));
    await harness.fixture.whenStable();
    rows = await tableRows();
    expect(rows.map((row) => row['status'])).toEqual(['Initiated', 'Completed']);
    expect(await (await loader.getHarness(MatPaginatorHarness)).getRangeLabel()).toBe('1 – 2 of 2');
  });

  it('leaves new calls out of later pages and other orders, and re-fetches after a reconnection', async () => {
    await visit('/voip/calls?page=2', [aCall({ id: 1, startTime: at(10) })], 26);
    events.callUpdates.next(aCall({ id: 2, startTime: at(20) }));
    await harness.fixture.whenStable();
    expect((await tableRows()).length).toBe(1);

    events.reconnected.next();
    expect((await answerList([aCall({ id: 1 })], 27)).request.params.get('page')).toBe('2');
  });

  it('opens the details of a clicked call and saves its notes', async () => {
    const call = aCall({ id: 4, status: 'completed', cost: 0.02, durationSeconds: 30, notes: null });
    await visit('/voip/calls', [call]);
    (element().querySelector('tr.call-row') as HTMLElement).click();
    await harness.fixture.whenStable();

    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Call details');
    const content = await dialog.getContentText();
    expect(content).toContain('$0.0200');
    expect(content).toContain('0:30');
    expect(content).toContain('MOCK0123456789abcdef0123456789abcdef');

    const notes = (await (
      await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Notes' }))
    ).getControl(MatInputHarness)) as MatInputHarness;
    await notes.setValue('Wants a quote');
    const save = document.querySelector('mat-dialog-actions button.mat-mdc-unelevated-button') as HTMLButtonElement;
    expect(save.textContent?.trim()).toBe('Save notes');
    save.click();

    const patch = httpMock.expectOne(CALLS_ENDPOINTS.call(4));
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ notes: 'Wants a quote' });
    patch.flush({ ...call, notes: 'Wants a quote' });
    await harness.fixture.whenStable();

    expect(await (await rootLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe('Notes saved.');
    await dialog.close();
  });

  it('downloads the CSV export of the current filters with the session token', async () => {
    const createObjectURL = jest.fn(() => 'blob:calls');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    let downloaded = '';
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloaded = this.download;
    });

    await visit('/voip/calls?status=completed&sort=-cost', [aCall()]);
    (
      Array.from(element().querySelectorAll('button')).find(
        (b) => b.textContent?.trim() === 'Export CSV',
      ) as HTMLButtonElement
    ).click();

    const request = httpMock.expectOne((req) => req.url === CALLS_ENDPOINTS.export);
    expect(request.request.params.toString()).toBe('format=csv&status=completed&sort=-cost');
    expect(request.request.responseType).toBe('blob');
    request.flush(new Blob(['id,toNumber\n'], { type: 'text/csv' }));

    const today = new Date();
    const stamp = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect(createObjectURL).toHaveBeenCalled();
    expect(downloaded).toBe(`calls-${stamp}.csv`);
    click.mockRestore();
  });
});
