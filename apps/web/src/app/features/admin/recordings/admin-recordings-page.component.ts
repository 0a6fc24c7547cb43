import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type AdminRecording, APP_ROUTES } from '@hh/contracts';
import { injectServerList } from '../../../shared/http/server-list';
import { idOf } from '../../../shared/http/url-state';
import { RecordingPlayerComponent } from '../../../shared/recordings/recording-player.component';
import { RecordingsApiService } from '../../../shared/recordings/recordings-api.service';
import { ListEmptyDirective, ListResultsComponent, ListRowsDirective } from '../../../shared/ui/list-results.component';
import {
  hasRecordingFilters,
  NO_RECORDING_FILTERS,
  recordingStateFromParams,
  recordingStateToParams,
  toRecordingQuery,
} from './admin-recordings-query';
import { AdminRecordingsTableComponent } from './admin-recordings-table.component';

/**
 * Every call recording on the portal with its owner, filtered and paged by the server with the state in the URL;
 * Listen opens the same player the call details use (admins listen and download; deleting is the owner's).
 */
@Component({
  selector: 'hh-admin-recordings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AdminRecordingsTableComponent,
    ListEmptyDirective,
    ListResultsComponent,
    ListRowsDirective,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    RecordingPlayerComponent,
  ],
  templateUrl: './admin-recordings-page.component.html',
  styleUrl: '../admin-list-page.scss',
})
export class AdminRecordingsPageComponent {
  private readonly api = inject(RecordingsApiService);

  protected readonly title = APP_ROUTES.adminRecordings.title;
  protected readonly userIdOf = idOf;
  protected readonly list = injectServerList({
    fromParams: recordingStateFromParams,
    toParams: recordingStateToParams,
    fetch: (state) => this.api.adminList(toRecordingQuery(state)),
    noFilters: NO_RECORDING_FILTERS,
    hasFilters: hasRecordingFilters,
  });

  /** The recording in the player. */
  protected readonly selected = signal<AdminRecording | null>(null);
  protected readonly selectedId = computed(() => this.selected()?.id ?? null);
  protected readonly playing = computed(() => {
    const selected = this.selected();
    return selected ? [selected] : [];
  });
}
