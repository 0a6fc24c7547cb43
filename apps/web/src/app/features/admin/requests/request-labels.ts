import type { AdminNumberRequest } from '@hh/contracts';
import { NUMBER_TYPE_LABELS } from '../../../shared/format/phone-number-labels';

/** The largest admin note the API takes (ADMIN_NOTES_MAX in the API's DTOs). */
export const ADMIN_NOTES_MAX_LENGTH = 2000;

/** "Local · area code 909 · Riverside", what the requester asked for in one line. */
export function requestSummary(request: AdminNumberRequest): string {
  const parts = [NUMBER_TYPE_LABELS[request.numberType]];
  if (request.areaCode) parts.push(`area code ${request.areaCode}`);
  if (request.cityPreference) parts.push(request.cityPreference);
  return parts.join(' · ');
}
