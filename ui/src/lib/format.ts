// Date helpers. Dates travel as ISO `YYYY-MM-DD` text and are parsed by hand, so the browser's
// time zone can never shift a day. All functions are pure.

export type Ymd = { y: number; m: number; d: number };

const MONTHS_LONG = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const MONTHS_SHORT = MONTHS_LONG.map((name) => name.slice(0, 3));

const WEEKDAYS_SHORT = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

const MS_PER_DAY = 86_400_000;

/** Parses `YYYY-MM-DD` (anything after the day, such as a time, is ignored). */
export function parseIso(iso: string): Ymd | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim());
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && parseIso(value) !== null;
}

export function toIso(ymd: Ymd): string {
  return `${String(ymd.y).padStart(4, "0")}-${pad2(ymd.m)}-${pad2(ymd.d)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Days since 1970-01-01 (UTC calendar), or NaN for an invalid date. */
export function dayNumber(iso: string): number {
  const p = parseIso(iso);
  if (!p) return Number.NaN;
  return Math.round(Date.UTC(p.y, p.m - 1, p.d) / MS_PER_DAY);
}

export function fromDayNumber(n: number): string {
  const date = new Date(n * MS_PER_DAY);
  return toIso({ y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() });
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(iso: string, days: number): string {
  const n = dayNumber(iso);
  if (Number.isNaN(n)) return iso;
  return fromDayNumber(n + days);
}

/** "28 September 2026" */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const p = parseIso(iso);
  if (!p) return iso;
  return `${p.d} ${MONTHS_LONG[p.m - 1]} ${p.y}`;
}

/** "28 Sep" */
export function shortDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const p = parseIso(iso);
  if (!p) return iso;
  return `${p.d} ${MONTHS_SHORT[p.m - 1]}`;
}

/** "28 Sep 2026" */
export function mediumDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const p = parseIso(iso);
  if (!p) return iso;
  return `${p.d} ${MONTHS_SHORT[p.m - 1]} ${p.y}`;
}

/** "Mon" */
export function weekday(iso: string): string {
  const n = dayNumber(iso);
  if (Number.isNaN(n)) return "";
  // 1970-01-01 was a Thursday.
  return WEEKDAYS_SHORT[(((n + 4) % 7) + 7) % 7];
}

/** "2–17 November 2020", "28 Sep – 2 Oct 2026", "30 Dec 2026 – 3 Jan 2027". */
export function dateRange(start: string, end: string | null | undefined): string {
  const a = parseIso(start);
  const b = end ? parseIso(end) : null;
  if (!a) return start;
  if (!b || toIso(a) === toIso(b)) return longDate(start);
  if (a.y === b.y && a.m === b.m) return `${a.d}–${b.d} ${MONTHS_LONG[a.m - 1]} ${a.y}`;
  if (a.y === b.y) return `${a.d} ${MONTHS_SHORT[a.m - 1]} – ${b.d} ${MONTHS_SHORT[b.m - 1]} ${a.y}`;
  return `${mediumDate(start)} – ${mediumDate(end)}`;
}

/** "2–17 Nov", "28 Sep – 2 Oct" (no year). */
export function shortRange(start: string, end: string | null | undefined): string {
  const a = parseIso(start);
  const b = end ? parseIso(end) : null;
  if (!a) return start;
  if (!b || toIso(a) === toIso(b)) return shortDate(start);
  if (a.y === b.y && a.m === b.m) return `${a.d}–${b.d} ${MONTHS_SHORT[a.m - 1]}`;
  return `${shortDate(start)} – ${shortDate(end)}`;
}

/** "Sep", or "Sep 2026" with the year. */
export function monthLabel(y: number, m: number, withYear = false): string {
  const name = MONTHS_SHORT[(m - 1 + 12) % 12];
  return withYear ? `${name} ${y}` : name;
}

export function monthLong(m: number): string {
  return MONTHS_LONG[(m - 1 + 12) % 12];
}

/** A month as a single integer (y * 12 + m - 1), handy for ranges. */
export function monthIndex(y: number, m: number): number {
  return y * 12 + (m - 1);
}

export function monthFromIndex(index: number): { y: number; m: number } {
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function daysLabel(n: number): string {
  return plural(n, "day");
}

/** "in 12 days", "today", "tomorrow", "passed 3 days ago" — for deadlines. */
export function deadlineRelative(today: string, target: string): string {
  const n = daysBetween(today, target);
  if (Number.isNaN(n)) return "";
  if (n === 0) return "today";
  if (n === 1) return "tomorrow";
  if (n > 1) return `in ${plural(n, "day")}`;
  if (n === -1) return "passed yesterday";
  return `passed ${plural(-n, "day")} ago`;
}

/** "today", "yesterday", "3 days ago", "2 weeks ago", "on 12 Mar 2025" — for recent files. */
export function openedRelative(today: string, openedAt: string): string {
  const n = daysBetween(openedAt.slice(0, 10), today);
  if (Number.isNaN(n)) return "";
  if (n <= 0) return "today";
  if (n === 1) return "yesterday";
  if (n < 14) return `${n} days ago`;
  if (n < 60) return `${Math.floor(n / 7)} weeks ago`;
  return `on ${mediumDate(openedAt.slice(0, 10))}`;
}

/** Calendar months and days between two dates: "5 months 13 days". */
export function monthsAndDays(from: string, to: string): string {
  const a = parseIso(from);
  const b = parseIso(to);
  if (!a || !b) return "";
  if (dayNumber(to) < dayNumber(from)) return `−${monthsAndDays(to, from)}`;
  let months = (b.y - a.y) * 12 + (b.m - a.m);
  let days = b.d - a.d;
  if (days < 0) {
    months -= 1;
    const prev = monthFromIndex(monthIndex(b.y, b.m) - 1);
    days += daysInMonth(prev.y, prev.m);
  }
  const parts: string[] = [];
  if (months > 0) parts.push(plural(months, "month"));
  if (days > 0 || months === 0) parts.push(plural(days, "day"));
  return parts.join(" ");
}

/** "6 weeks before the meeting starts", "on the last day of the meeting", … */
export function offsetPhrase(offsetDays: number, anchor: "meeting_start" | "meeting_end"): string {
  const edge = anchor === "meeting_start" ? "starts" : "ends";
  if (offsetDays === 0) {
    return anchor === "meeting_start" ? "on the first day of the meeting" : "on the last day of the meeting";
  }
  const abs = Math.abs(offsetDays);
  const amount = abs % 7 === 0 ? plural(abs / 7, "week") : plural(abs, "day");
  return `${amount} ${offsetDays < 0 ? "before" : "after"} the meeting ${edge}`;
}

/** Today's local date, used only when the backend has not told us yet. */
export function localToday(): string {
  const now = new Date();
  return toIso({ y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() });
}

/** A message from the backend as a sentence: its first letter a capital. */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** Lower case without accents, for matching what is typed in a filter or a country field. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().trim();
}
