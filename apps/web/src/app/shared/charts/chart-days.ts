/** Calendar days as charts label them. A day is a YYYY-MM-DD key, whatever time zone the API counted it in. */

const dayLabelFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });

/** A local date as its YYYY-MM-DD key. */
export function dayKey(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The local midnight of a YYYY-MM-DD key (only its calendar fields matter). */
export function fromDayKey(key: string): Date {
  const [year, month, day] = key.split('-').map(Number);
  return new Date(year, month - 1, day);
}

/** '2026-11-02' → 'Nov 2'. */
export function dayLabel(key: string): string {
  return dayLabelFormat.format(fromDayKey(key));
}

/** "1 day", "30 days": how chart summaries name the span they cover. */
export function daysText(count: number): string {
  return `${count} ${count === 1 ? 'day' : 'days'}`;
}
