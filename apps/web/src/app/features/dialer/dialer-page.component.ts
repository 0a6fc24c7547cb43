import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  Injector,
  input,
  linkedSignal,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { APP_ROUTES, type Call, type PhoneNumber } from '@hh/contracts';
import { take } from 'rxjs';
import { PhoneSettingsComponent } from '../../core/softphone/phone-settings.component';
import { PhoneStateComponent } from '../../core/softphone/phone-state.component';
import { SoftphoneError } from '../../core/softphone/softphone-errors';
import { SoftphoneService } from '../../core/softphone/softphone.service';
import { ContactDirectoryStore } from '../../shared/contacts/contact-directory.store';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import {
  callOutcome,
  callStatusTone,
  type CallTone,
  isFinalCallStatus,
  LIVE_CALL_STATUS_LABELS,
} from '../../shared/format/call-status';
import {
  dialableCharacters,
  DIAL_STRING_MAX_LENGTH,
  formatPhoneNumber,
  phoneSearchDigits,
  toDialTarget,
} from '../../shared/format/phone';
import { httpErrorMessage } from '../../shared/http/http-error-message';
import { RecentCallsComponent } from '../../shared/calls/recent-calls.component';
import { RecentCallsStore } from '../../shared/calls/recent-calls.store';
import { MyNumbersStore } from '../../shared/numbers/my-numbers.store';
import { ActiveCallStore } from './active-call.store';
import { CallPanelComponent } from './call-panel.component';
import { DialPadComponent } from './dial-pad.component';
import { dialRefusalOf } from './dial-refusals';
import { inOverlay, isActivatableTarget, isTextEntryTarget } from './keyboard-target';
import { NumberDisplayComponent } from './number-display.component';

/** A paste with at least this many digits is a whole number rather than a few more digits. */
const WHOLE_NUMBER_DIGITS = 7;

/** A caller ID as the picker shows it: "Main line · (909) 555-0100". */
export function callerIdLabel(number: PhoneNumber): string {
  const formatted = formatPhoneNumber(number.phoneNumber);
  return number.friendlyName ? `${number.friendlyName} · ${formatted}` : formatted;
}

/** Calls go out from assigned numbers only (a suspended one is still mine, but cannot call). */
function callable(numbers: readonly PhoneNumber[]): PhoneNumber[] {
  return numbers.filter((number) => number.status === 'assigned');
}

/**
 * The router decodes "+" in a query string as a space (?to=+1500… → " 1500…"): read it back as the "+" it was.
 * A tel: URI (a link handed over as ?number=tel:+1…) gives its number, without its parameters (;ext=…).
 */
export function dialStringFromQuery(value: string | undefined): string {
  if (!value) {
    return '';
  }
  const number = value.replace(/^\s*tel:/i, '').split(';')[0];
  return dialableCharacters(number.replace(/^ (?=\d)/, '+')).slice(0, DIAL_STRING_MAX_LENGTH);
}

/**
 * The softphone: a number display and dial pad (clicks, keyboard and paste), the caller ID,
 * the live call with its controls, and the recent calls. `?to=` pre-fills the number and `?from=` picks the
 * caller ID, so other pages can link to "call back".
 */
@Component({
  selector: 'hh-dialer-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CallPanelComponent,
    DialPadComponent,
    FormErrorBannerComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    NumberDisplayComponent,
    PhoneSettingsComponent,
    PhoneStateComponent,
    RecentCallsComponent,
    RouterLink,
  ],
  providers: [MyNumbersStore, ActiveCallStore, RecentCallsStore],
  host: {
    '(document:keydown)': 'onKeydown($event)',
    '(document:paste)': 'onPaste($event)',
  },
  templateUrl: './dialer-page.component.html',
  styleUrl: './dialer-page.component.scss',
})
export class DialerPageComponent {
  private readonly myNumbers = inject(MyNumbersStore);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly activeCall = inject(ActiveCallStore);
  protected readonly recent = inject(RecentCallsStore);
  /** Sip mode: calls go through this browser's softphone, whose state and settings the page shows. */
  private readonly softphone = inject(SoftphoneService);
  protected readonly sipMode = this.softphone.sipMode;
  protected readonly awaitingMicrophone = this.softphone.awaitingMicrophone;

  /** ?from=<E.164>: the caller ID to preselect, when it is one of mine. */
  readonly from = input<string>();
  /** ?to=<number>: a number to dial. */
  readonly to = input<string>();
  /** ?number=<number or tel: URI>: the same, as click-to-call and tel: links open the dialer; it never dials. */
  readonly number = input<string>();

  protected readonly title = APP_ROUTES.dialer.title;
  protected readonly requestNumberRoute = APP_ROUTES.requestNumber;
  protected readonly numberErrorId = 'dialer-number-error';

  /** My numbers that can call; null until they are read. */
  protected readonly numbers = computed(() => (this.myNumbers.loaded() ? callable(this.myNumbers.numbers()) : null));
  /** Why my numbers could not be read; hidden while they are read again. */
  protected readonly numbersError = computed(() => {
    const error = this.myNumbers.error();
    return error && !this.myNumbers.loading() ? `Your numbers could not be loaded. ${error}` : null;
  });
  protected readonly noNumbers = computed(() => this.numbers()?.length === 0);

  protected readonly callerId = linkedSignal<
    { numbers: PhoneNumber[] | null; from: string | undefined },
    string | null
  >({
    source: () => ({ numbers: this.numbers(), from: this.from() }),
    computation: ({ numbers, from }, previous) => {
      const mine = numbers ?? [];
      const wanted = phoneSearchDigits(from ?? '');
      const requested = wanted ? mine.find((number) => phoneSearchDigits(number.phoneNumber) === wanted) : undefined;
      const fromChanged = previous?.source.from !== from;
      const kept = previous?.value ? mine.find((number) => number.phoneNumber === previous.value) : undefined;
      return ((fromChanged ? requested : undefined) ?? kept ?? requested ?? mine[0])?.phoneNumber ?? null;
    },
  });
  protected readonly callerIdOptions = computed(() =>
    (this.numbers() ?? []).map((number) => ({ value: number.phoneNumber, label: callerIdLabel(number) })),
  );
  private readonly selectedCallerIdLabel = computed(
    () => this.callerIdOptions().find((option) => option.value === this.call()?.fromNumber)?.label ?? null,
  );

  protected readonly dialString = linkedSignal(() => dialStringFromQuery(this.number() ?? this.to()));
  /** What is typed in the number field (letters of a name, or digits), for the contact suggestions. */
  protected readonly searchText = signal('');
  private readonly contacts = inject(ContactDirectoryStore);
  protected readonly suggestions = computed(() => this.contacts.lookup().suggest(this.searchText()));
  /** Why the number itself was refused (400), shown under the display. */
  protected readonly numberError = signal<string | null>(null);
  /** Any other refusal, shown as a banner. */
  protected readonly refusal = signal<string | null>(null);
  /** Why the microphone stopped the call (sip mode), with how to allow it. */
  protected readonly microphoneProblem = signal<string | null>(null);
  protected readonly phoneStateReasonId = 'dialer-phone-state-reason';

  protected readonly call = this.activeCall.call;
  protected readonly live = this.activeCall.live;
  private readonly numberDisplay = viewChild(NumberDisplayComponent);
  private readonly injector = inject(Injector);
  protected readonly busy = this.activeCall.busy;
  protected readonly panelCallerId = this.selectedCallerIdLabel;

  protected readonly canCall = computed(
    () =>
      /\d/.test(this.dialString()) &&
      !this.busy() &&
      this.activeCall.unavailable() === null &&
      // Wait for the numbers; with none there is nothing to call from. If they could not be read, let the API decide.
      ((this.numbers()?.length ?? 0) > 0 || this.numbersError() !== null),
  );

  /** What the status line says: the live status, or how the last call ended. */
  protected readonly statusText = computed(() => {
    const call = this.call();
    if (call) {
      return isFinalCallStatus(call.status) ? callOutcome(call) : LIVE_CALL_STATUS_LABELS[call.status];
    }
    return this.activeCall.dialing() ? LIVE_CALL_STATUS_LABELS.initiated : '';
  });

  protected readonly statusTone = computed<CallTone>(() => {
    const call = this.call();
    if (call) {
      return callStatusTone(call.status);
    }
    return this.activeCall.dialing() ? 'active' : 'neutral';
  });

  constructor() {
    // A call still live from before (another visit, a reload) is taken over, so that it can be hung up here.
    let resumeChecked = false;
    effect(() => {
      if (resumeChecked || !this.recent.loaded()) {
        return;
      }
      resumeChecked = true;
      const latest = this.recent.calls()[0];
      if (latest && !isFinalCallStatus(latest.status)) {
        untracked(() => this.activeCall.resume(latest));
      }
    });
    // When a call ends, the keyboard goes back to the number field (it was on Hang up, which is gone).
    let wasLive = false;
    effect(() => {
      const live = this.live();
      if (wasLive && !live) {
        afterNextRender(() => this.numberDisplay()?.focus(), { injector: this.injector });
      }
      wasLive = live;
    });
  }

  protected setDialString(value: string): void {
    this.dialString.set(value.slice(0, DIAL_STRING_MAX_LENGTH));
    this.afterEdit();
  }

  protected press(digit: string): void {
    if (this.busy()) {
      return;
    }
    this.dialString.update((value) => (value + digit).slice(0, DIAL_STRING_MAX_LENGTH));
    this.afterEdit();
  }

  protected deleteDigit(): void {
    if (this.busy() || !this.dialString()) {
      return;
    }
    this.dialString.update((value) => value.slice(0, -1));
    this.afterEdit();
  }

  protected placeCall(): void {
    if (!this.canCall()) {
      return;
    }
    this.numberError.set(null);
    this.refusal.set(null);
    this.microphoneProblem.set(null);
    this.activeCall
      .place({
        toNumber: toDialTarget(this.dialString()),
        ...(this.callerId() ? { fromNumber: this.callerId() ?? '' } : {}),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (call) => this.recent.apply(call),
        error: (error: unknown) => this.showRefusal(error),
      });
  }

  /**
   * A recent call's call button: fills its number in (and its caller ID), like every click-to-call of the portal;
   * the call goes out when Call is pressed, never by itself.
   */
  protected redial(call: Call): void {
    if (this.busy()) {
      return;
    }
    this.setDialString(dialableCharacters(call.direction === 'inbound' ? call.fromNumber : call.toNumber));
    const mine = call.direction === 'inbound' ? call.toNumber : call.fromNumber;
    if (this.callerIdOptions().some((option) => option.value === mine)) {
      this.callerId.set(mine);
    }
  }

  protected hangUp(): void {
    this.activeCall
      .hangUp()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (call) => this.recent.apply(call),
        error: (error: unknown) => this.refusal.set(`The call could not be ended. ${httpErrorMessage(error)}`),
      });
  }

  protected sendTone(digit: string): void {
    this.activeCall.sendDigit(digit);
  }

  /** Reads my numbers again; `then` gets those that can call once they have been read. */
  protected loadNumbers(then?: (numbers: PhoneNumber[]) => void): void {
    if (then) {
      this.myNumbers.settled$
        .pipe(take(1), takeUntilDestroyed(this.destroyRef))
        .subscribe((numbers) => numbers && then(callable(numbers)));
    }
    this.myNumbers.reload();
  }

  protected onKeydown(event: KeyboardEvent): void {
    // Escape hangs up from anywhere on the page, a text field included, but not inside an overlay (a select's
    // options, a dialog), which Escape closes.
    if (event.key === 'Escape' && this.live() && !event.defaultPrevented && !inOverlay(event.target)) {
      event.preventDefault();
      this.hangUp();
      return;
    }
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTextEntryTarget(event.target)) {
      return;
    }
    const { key } = event;
    if (/^[0-9*#]$/.test(key) || key === '+') {
      event.preventDefault();
      if (this.activeCall.inProgress()) {
        if (key !== '+') {
          this.sendTone(key);
        }
      } else {
        this.press(key);
      }
    } else if (key === 'Backspace') {
      event.preventDefault();
      this.deleteDigit();
    } else if (key === 'Enter' && !isActivatableTarget(event.target)) {
      event.preventDefault();
      this.placeCall();
    }
  }

  protected onPaste(event: ClipboardEvent): void {
    if (isTextEntryTarget(event.target) || this.busy()) {
      return;
    }
    const pasted = dialableCharacters(event.clipboardData?.getData('text') ?? '');
    if (pasted) {
      event.preventDefault();
      // A whole number replaces what is there (e.g. the last number called); a few digits (an extension) add to it.
      const wholeNumber = pasted.replace(/\D/g, '').length >= WHOLE_NUMBER_DIGITS;
      this.setDialString(wholeNumber ? pasted : dialableCharacters(this.dialString() + pasted));
    }
  }

  private afterEdit(): void {
    this.numberError.set(null);
    this.refusal.set(null);
    this.microphoneProblem.set(null);
    this.activeCall.clearEnded();
  }

  private showRefusal(error: unknown): void {
    if (error instanceof SoftphoneError) {
      if (error.aboutMicrophone) {
        this.microphoneProblem.set(error.message);
      } else {
        this.refusal.set(`The call was not placed. ${error.message}`);
      }
      return;
    }
    const refusal = dialRefusalOf(error);
    switch (refusal.kind) {
      case 'number':
        this.numberError.set(refusal.message);
        break;
      case 'caller-id':
        // No number at all, or the chosen one was taken away: the numbers tell which, and the picker catches up.
        // With none left, the "no phone number yet" notice says it better than the refusal.
        this.refusal.set(refusal.message);
        this.loadNumbers((numbers) => numbers.length === 0 && this.refusal.set(null));
        break;
      default:
        this.refusal.set(refusal.message);
    }
  }
}
