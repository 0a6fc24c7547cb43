import { inject, Injectable, signal } from '@angular/core';
import { catchError, from, mergeMap, of } from 'rxjs';
import { AdminApiService } from './admin-api.service';

/** How an admin page names a user it knows only by id (an owner, the author of an activity entry). */
export interface UserLabel {
  name: string;
  email: string;
}

/** At most this many user look-ups at once (a page shows up to 100 rows). */
const LOOKUPS_IN_PARALLEL = 4;

/**
 * Names and emails of the users that admin pages show by id, however many users there are: each id is looked up
 * once (GET /admin/users/:id) while the admin console is open, and `labels` grows as the answers arrive. An id that
 * cannot be looked up (a deleted user, a failed request) stays unnamed, and pages show it as "User #id".
 *
 * Provided by the admin routes, so the names live as long as the console and are fetched afresh on the next visit.
 */
@Injectable()
export class UserDirectory {
  private readonly api = inject(AdminApiService);
  private readonly known = signal<ReadonlyMap<number, UserLabel>>(new Map());
  private readonly asked = new Set<number>();

  /** The users named so far, by id. */
  readonly labels = this.known.asReadonly();

  /** Looks up the ids not asked for yet (nulls, e.g. unowned numbers and system entries, are skipped). */
  want(ids: Iterable<number | null | undefined>): void {
    const missing = [...new Set(ids)].filter((id): id is number => typeof id === 'number' && !this.asked.has(id));
    if (missing.length === 0) return;
    for (const id of missing) this.asked.add(id);
    from(missing)
      .pipe(mergeMap((id) => this.api.getUser(id).pipe(catchError(() => of(null))), LOOKUPS_IN_PARALLEL))
      .subscribe((user) => {
        if (user) this.remember([user]);
      });
  }

  /** Users a page has fetched anyway (a list of users, a user's detail): no look-up needed for them. */
  remember(users: readonly { id: number; name: string; email: string }[]): void {
    if (users.length === 0) return;
    for (const user of users) this.asked.add(user.id);
    this.known.update((labels) => {
      const next = new Map(labels);
      for (const user of users) next.set(user.id, { name: user.name, email: user.email });
      return next;
    });
  }
}
