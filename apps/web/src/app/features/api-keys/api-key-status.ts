import type { ApiKeyStatus } from '@hh/contracts';

export const API_KEY_STATUS_LABELS: Readonly<Record<ApiKeyStatus, string>> = {
  active: 'Active',
  revoked: 'Revoked',
  expired: 'Expired',
};

/** Status pill colours (global `.tone-*` classes): a working key is green, a revoked one red, an expired one grey. */
export const API_KEY_STATUS_TONES: Readonly<Record<ApiKeyStatus, 'success' | 'danger' | 'neutral'>> = {
  active: 'success',
  revoked: 'danger',
  expired: 'neutral',
};
