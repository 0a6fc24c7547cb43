import type { AdminNumberRequest } from '@hh/contracts';
import { NUMBER_TYPE_LABELS } from '../../../shared/format/phone-number-labels';

/** "Local · area code 909 · Riverside", what the requester asked for in one line. */
export function requestSummary(request: AdminNumberRequest): string {
  const parts = [NUMBER_TYPE_LABELS[request.numberType]];
  if (request.areaCode) parts.push(`area code ${request.areaCode}`);
  if (request.cityPreference) parts.push(request.cityPreference);
  return parts.join(' · ');
}
