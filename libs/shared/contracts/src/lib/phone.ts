import { AsYouType, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Numbers without a country code are read as US numbers. */
export const DEFAULT_PHONE_REGION = 'US';

/**
 * E.164 form of a dialable number, or null when the input is not a real number by libphonenumber's full
 * metadata. Accepts E.164 and national US formats: "909-687-4971", "(909) 687-4971", "+1 909 687 4971".
 */
export function toE164(input: string): string | null {
  const trimmed = input.trim();
  if (!/^[+\d\s().\-/]{3,32}$/.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, DEFAULT_PHONE_REGION);
  return parsed && parsed.isValid() ? parsed.number : null;
}

/** A number formatted for people: national format for US numbers, international for others. */
export function formatPhoneNumber(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164, DEFAULT_PHONE_REGION);
  if (!parsed) return e164;
  return parsed.country === DEFAULT_PHONE_REGION ? parsed.formatNational() : parsed.formatInternational();
}

/** Formats a partial number while it is typed on the dial pad. */
export function formatAsTyped(partial: string): string {
  return new AsYouType(DEFAULT_PHONE_REGION).input(partial);
}

/** The mock provider's magic numbers (docs/api.md "Place a call to a test number"): deterministic outcomes. */
export const TEST_NUMBERS = {
  fails: '+15005550001',
  busy: '+15005550002',
  noAnswer: '+15005550003',
  answeredThirtySeconds: '+15005550004',
  answeredUntilHangup: '+15005550005',
} as const;
