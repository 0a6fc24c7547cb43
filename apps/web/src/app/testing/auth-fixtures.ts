import type { AuthResponse, User } from '@hh/contracts';

/** Test data only: a user as the API returns it. */
export function aUser(overrides: Partial<User> = {}): User {
  return {
    id: 7,
    name: 'Jane Doe',
    email: 'jane@example.com',
    role: 'client',
    status: 'active',
    signupDate: '2026-11-20T10:00:00.000Z',
    lastLogin: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    emailVerified: true,
    ...overrides,
  };
}

export function anAuthResponse(user: User = aUser(), accessToken = 'access-1'): AuthResponse {
  return { user, accessToken, refreshToken: 'opaque-refresh', tokenType: 'Bearer', expiresIn: 3600 };
}

/** A problem+json body as the API's exception filter writes it. */
export function aProblem(status: number, detail: string, errors?: { field: string; message: string }[]) {
  return { type: 'about:blank', title: 'Error', status, detail, ...(errors ? { errors } : {}) };
}
