import { AsYouType, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Phone number helpers for people. Numbers travel in E.164 (`+19096874971`); numbers typed without a country code
 * are read as US numbers, as the API does (libs/shared/contracts phone.ts).
 *
 * The web app imports the default ("min") metadata of libphonenumber-js, which formats and checks lengths but does
 * not decide whether a number really exists: that is the API's call (it uses the full metadata), so the dialer
 * sends what was dialled and shows the API's verdict.
 */
export const DEFAULT_PHONE_REGION = 'US';

/** The characters a dial string may hold: the API accepts at most 32. */
export const DIAL_STRING_MAX_LENGTH = 32;

/**
 * What a dial pad can send, from any text: digits, `*` and `#`, and a `+` only in front.
 * "+1 (909) 687-4971" → "+19096874971"; "tel:909.687.4971" → "9096874971".
 */
export function dialableCharacters(text: string): string {
  const kept = text.match(/[0-9*#+]/g)?.join('') ?? '';
  const international = kept.startsWith('+');
  return (international ? '+' : '') + kept.replace(/\+/g, '');
}

/** A dial string formatted while it is typed: "9096874" → "909-6874", "9096874971" → "(909) 687-4971". */
export function formatAsTyped(dialString: string): string {
  if (!dialString || /[*#]/.test(dialString)) {
    // Service codes such as *67 are not phone numbers; AsYouType would mangle them.
    return dialString;
  }
  return new AsYouType(DEFAULT_PHONE_REGION).input(dialString);
}

/**
 * A stored (E.164) number for people: national format within the North American plan ("(909) 687-4971", as the
 * portal's US customers write numbers), international for the rest ("+44 20 7183 8750").
 */
export function formatPhoneNumber(number: string | null | undefined): string {
  if (!number) {
    return '';
  }
  const parsed = parsePhoneNumberFromString(number, DEFAULT_PHONE_REGION);
  if (!parsed) {
    return number;
  }
  return parsed.countryCallingCode === '1' ? parsed.formatNational() : parsed.formatInternational();
}

/**
 * The number to send for a dial string: E.164 when it has a plausible length for its country, otherwise the dial
 * string as typed, so that the API (which knows better) answers with a clear message.
 */
export function toDialTarget(dialString: string): string {
  const parsed = /[*#]/.test(dialString) ? undefined : parsePhoneNumberFromString(dialString, DEFAULT_PHONE_REGION);
  return parsed?.isPossible() ? parsed.number : dialString;
}

/** The digits of a search such as "(909) 687-": the API matches digits within either number of a call. */
export function phoneSearchDigits(text: string): string {
  return text.replace(/\D/g, '');
}

/**
 * E.164 for a typed number of a possible length for its country ("(909) 555-0142" → "+19095550142"), or null.
 * A form's first check: whether the number really exists is the API's to say (toE164 of @hh/contracts would need
 * libphonenumber's full metadata in the browser, about 90 kB more at start-up, since the contracts are in the
 * initial bundle).
 */
export function toPossibleE164(text: string): string | null {
  const trimmed = text.trim();
  if (!/^[+\d\s().\-/]{3,32}$/.test(trimmed)) {
    return null;
  }
  const parsed = parsePhoneNumberFromString(trimmed, DEFAULT_PHONE_REGION);
  return parsed?.isPossible() ? parsed.number : null;
}
