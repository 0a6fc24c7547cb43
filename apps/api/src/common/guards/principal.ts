import type { UserRole, UserStatus } from '@hh/contracts';

/** Who is calling: resolved from the credential on every request and re-checked against the database. */
export interface Principal {
  userId: number;
  name: string;
  email: string;
  role: UserRole;
  status: UserStatus;
  via: 'session' | 'api-key';
  /** The sign-in session (access token's sid) when via === 'session'. */
  sessionId?: string;
  /** The key's id when via === 'api-key'. */
  apiKeyId?: number;
}

/** The principal of a user reached through a credential (its fields read fresh from the users row). */
export function principalOf(
  user: { id: number; name: string; email: string; role: UserRole; status: UserStatus },
  credential: { via: 'session'; sessionId: string } | { via: 'api-key'; apiKeyId: number },
): Principal {
  return { userId: user.id, name: user.name, email: user.email, role: user.role, status: user.status, ...credential };
}
