/** Calendar arithmetic on YYYY-MM-DD strings, in UTC so no timezone can shift a day. */
const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  const d = toDate(day);
  d.setUTCDate(d.getUTCDate() + days);
  return toDay(d);
}

/** The same date `months` earlier, clamped to the month's last day (29 Feb -> 28 Feb). */
export function subtractMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return toDay(new Date(Date.UTC(year, month, Math.min(d, lastDay))));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000);
}

export const within = (day: string, start: string, end: string) => day >= start && day <= end;

/** YYYY-MM-DD or DD/MM/YYYY, as Excel writes it; impossible dates such as 31/02 are rejected. */
export function parseDay(input: string): string | undefined {
  const s = input.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s)))
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  // Read back what was written: a day past its month's end (31/04) rolls into the next month, so its
  // day differs; a month past 12, or a year before 100 (read as the 1900s), changes the year.
  if (date.getUTCFullYear() !== y || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A day as people in the UK write it: 18 December 2026. */
export function ukDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** The day a report speaks for: the day it was made, or the cycle's last day if that came first. */
// Stryker disable next-line EqualityOperator: on the cycle's last day both are the same day
export const reportDay = (madeOn: string, cycleEnd: string) => (madeOn < cycleEnd ? madeOn : cycleEnd);
