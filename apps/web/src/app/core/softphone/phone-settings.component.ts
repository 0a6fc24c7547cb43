import { ChangeDetectionStrategy, Component, inject, type OnInit } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { AudioOutputService } from './audio-output.service';
import { NotificationPermissionComponent } from './notification-permission.component';

/**
 * The softphone's per-browser settings: which speaker calls play through (where the browser can choose), and
 * system notifications for calls that ring while the tab is hidden (asked from this button, never on load).
 */
@Component({
  selector: 'hh-phone-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatFormFieldModule, MatSelectModule, NotificationPermissionComponent],
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
    <hh-notification-permission />
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
    hh-notification-permission {
      text-align: center;
    }
  `,
})
export class PhoneSettingsComponent implements OnInit {
  protected readonly output = inject(AudioOutputService);

  ngOnInit(): void {
    this.output.refresh();
  }
}
