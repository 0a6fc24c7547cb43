import type { AbstractControl, ValidatorFn } from '@angular/forms';
import { LIMITS, type NumberType } from '@hh/contracts';
import { fieldErrorMessage } from '../../shared/forms/field-error-message';
import type { CreateNumberRequestBody } from './number-requests-api.service';

/** The API's limits for a number request (POST /number-requests), mirrored so that the form refuses what it would. */
export const NUMBER_REQUEST_LIMITS = {
  cityPreference: 100,
  businessName: 200,
  businessWebsite: 255,
  reason: LIMITS.textMaxLength,
} as const;

const AREA_CODE_MESSAGE = 'Area code must be 3 digits.';
const WEBSITE_MESSAGE = 'Business website must be an http(s) address, such as https://example.com.';

/** Three digits, once trimmed; blank is fine (the area code is optional). */
export const areaCode: ValidatorFn = (control) => {
  const value = typeof control.value === 'string' ? control.value.trim() : '';
  return value === '' || /^\d{3}$/.test(value) ? null : { areaCode: AREA_CODE_MESSAGE };
};

/**
 * An http(s) address with a real host name, as the API checks it (class-validator's IsUrl with a required
 * protocol and top-level domain): "https://acme.example" passes, "acme.com", "ftp://acme.com" and "http://acme" do not.
 */
export const httpUrl: ValidatorFn = (control) => {
  const value = typeof control.value === 'string' ? control.value.trim() : '';
  if (value === '') {
    return null;
  }
  return isHttpUrl(value) ? null : { httpUrl: WEBSITE_MESSAGE };
};

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\/[^\s/?#]+/i.test(value) || /\s/.test(value)) {
    return false;
  }
  let host: string;
  try {
    host = new URL(value).hostname;
  } catch {
    return false;
  }
  const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
  const withTopLevelDomain = /^([a-z0-9-]+\.)+([a-z]{2,}|xn--[a-z0-9-]+)$/i.test(host);
  return ipv4 || withTopLevelDomain;
}

/** The message under a request field: the request's own rules first, then the shared wording. */
export function requestFieldErrorMessage(control: AbstractControl, label: string): string | null {
  const errors = control.errors;
  if (errors && typeof errors['server'] !== 'string') {
    const own = errors['areaCode'] ?? errors['httpUrl'];
    if (typeof own === 'string') {
      return own;
    }
  }
  return fieldErrorMessage(control, label);
}

export interface NumberRequestFormValue {
  numberType: NumberType;
  areaCode: string;
  cityPreference: string;
  businessName: string;
  businessWebsite: string;
  reason: string;
}

/** The body to send: trimmed, with blank optional fields left out (the API refuses empty strings). */
export function numberRequestBody(value: NumberRequestFormValue): CreateNumberRequestBody {
  const body: CreateNumberRequestBody = { numberType: value.numberType };
  const optional = ['areaCode', 'cityPreference', 'businessName', 'businessWebsite', 'reason'] as const;
  for (const field of optional) {
    const trimmed = value[field].trim();
    if (trimmed) {
      body[field] = trimmed;
    }
  }
  return body;
}
