import { ChangeDetectionStrategy, Component, inject, type OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { AudioOutputService } from './audio-output.service';
import { CallNotificationsService } from './call-notifications.service';

/**
 * The softphone's per-browser settings: which speaker calls play through (where the browser can choose), and
 * system notifications for calls that ring while the tab is hidden (asked from this button, never on load).
 */
@Component({
  selector: 'hh-phone-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatFormFieldModule, MatSelectModule],
  template: `
    @if (output.supported) {
      <mat-form-field appearance="outline" class="speaker" subscriptSizing="dynamic">
        <mat-label>Speaker</mat-label>
        <mat-select [value]="output.selected()" (valueChange)="output.select($event)">
          <mat-option value="">System default</mat-option>
          @for (device of output.devices(); track device.deviceId) {
            <mat-option [value]="device.deviceId">{{ device.label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    }
    @switch (notifications.permission()) {
      @case ('default') {
        <button mat-button type="button" (click)="notifications.requestPermission()">
          Notify me of incoming calls
        </button>
      }
      @case ('denied') {
        <p class="muted hint">Notifications are blocked for this site; allow them in the browser's site settings.</p>
      }
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 0.5rem;
      justify-items: center;
    }
    .speaker {
      width: 100%;
    }
    .hint {
      margin: 0;
      font: var(--mat-sys-body-small);
      text-align: center;
    }
  `,
})
export class PhoneSettingsComponent implements OnInit {
  protected readonly output = inject(AudioOutputService);
  protected readonly notifications = inject(CallNotificationsService);

  ngOnInit(): void {
    this.output.refresh();
  }
}
