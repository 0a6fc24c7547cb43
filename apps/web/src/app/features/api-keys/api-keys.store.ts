import { inject, Injectable, signal } from '@angular/core';
import type { ApiKey } from '@hh/contracts';
import { finalize, type Observable, tap } from 'rxjs';
import { injectReloadable } from '../../shared/http/reloadable';
import { ApiKeysApiService, type CreatedApiKey } from './api-keys-api.service';

/** My API keys as the page shows them. It never holds a key's secret. Provided by the page. */
@Injectable()
export class ApiKeysStore {
  private readonly api = inject(ApiKeysApiService);
  private readonly state = signal<ApiKey[]>([]);
  private readonly loader = injectReloadable({
    load: () => this.api.list(),
    loaded: (keys) => this.state.set(keys),
  });

  readonly keys = this.state.asReadonly();
  readonly loading = this.loader.loading;
  readonly loaded = this.loader.loaded;
  readonly error = this.loader.error;
  /** Keys whose revocation is in flight. */
  readonly revoking = signal<ReadonlySet<number>>(new Set());

  reload(): void {
    this.loader.reload();
  }

  /** Lists a key just created, on top (the newest), without its secret. */
  add(created: CreatedApiKey): void {
    const apiKey = withoutSecret(created);
    this.state.update((keys) => [apiKey, ...keys.filter((shown) => shown.id !== apiKey.id)]);
  }

  /** Revokes a key; its row shows it revoked once the API confirms. Errors are the caller's to explain. */
  revoke(key: ApiKey): Observable<void> {
    this.revoking.update((ids) => new Set(ids).add(key.id));
    return this.api.revoke(key.id).pipe(
      tap(() =>
        this.state.update((keys) =>
          keys.map((shown) => (shown.id === key.id ? { ...shown, status: 'revoked' as const } : shown)),
        ),
      ),
      finalize(() =>
        this.revoking.update((ids) => {
          const rest = new Set(ids);
          rest.delete(key.id);
          return rest;
        }),
      ),
    );
  }
}

/** The key's record alone, built field by field so that the secret cannot ride along. */
function withoutSecret(created: CreatedApiKey): ApiKey {
  const { id, keyName, prefix, creationDate, expirationDate, status, lastUsed, usageCount } = created;
  return { id, keyName, prefix, creationDate, expirationDate, status, lastUsed, usageCount };
}
