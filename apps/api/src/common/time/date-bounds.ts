import { badRequest } from '../errors/problem.exception';

/** The half-open range [from, to) of a `from`/`to` query: `from` is inclusive; a date-only `to` includes its whole day (UTC). */
export function dateBounds(range: { from?: string; to?: string }): { from?: Date; to?: Date } {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
  const from = range.from
    ? new Date(dateOnly.test(range.from) ? `${range.from}T00:00:00.000Z` : range.from)
    : undefined;
  let to: Date | undefined;
  if (range.to) {
    to = dateOnly.test(range.to)
      ? new Date(Date.parse(`${range.to}T00:00:00.000Z`) + 86_400_000)
      : new Date(Date.parse(range.to) + 1);
  }
  if (from && to && from >= to) throw badRequest('`from` must be before `to`');
  return { from, to };
}
