// Instants and IANA zones, with the engine's own time-zone data (Intl.DateTimeFormat, no
// library). Instants travel as RFC 3339 UTC text ("2026-03-04T13:00:00Z"); local times as
// "YYYY-MM-DDTHH:MM" wall-clock text in a named zone. The backend stays the authority: these
// helpers only display its instants and prefill forms.

import { mediumDate, weekday } from "./format";

export type LocalParts = {
  /** `YYYY-MM-DD` in the zone. */
  date: string;
  /** `HH:MM` in the zone (24-hour). */
  time: string;
  /** `YYYY-MM-DDTHH:MM`, the value of a datetime-local input. */
  local: string;
};

const partsCache = new Map<string, Intl.DateTimeFormat>();

function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = partsCache.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    partsCache.set(zone, format);
  }
  return format;
}

/** True when the engine knows the zone. */
export function isKnownZone(zone: string): boolean {
  if (zone.trim() === "") return false;
  try {
    partsFormat(zone.trim());
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time of an instant in a zone, or null for an unknown zone or a bad instant. */
export function localParts(instant: string, zone: string): LocalParts | null {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return null;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = partsFormat(zone).formatToParts(new Date(ms));
  } catch {
    return null;
  }
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const hour = get("hour") === "24" ? "00" : get("hour");
  const date = `${get("year")}-${get("month")}-${get("day")}`;
  const time = `${hour}:${get("minute")}`;
  return { date, time, local: `${date}T${time}` };
}

/** The zone's abbreviation at an instant: "CET", "EDT", or "UTC+13" where the zone has no name. */
export function zoneAbbreviation(instant: string, zone: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return zone;
  let fallback = "";
  for (const locale of ["en-GB", "en-US"]) {
    try {
      const name =
        new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" })
          .formatToParts(new Date(ms))
          .find((p) => p.type === "timeZoneName")?.value ?? "";
      if (name && !/^(GMT|UTC)[+−-]/.test(name)) return name === "GMT" && zone !== "Europe/London" ? "UTC" : name;
      if (!fallback) fallback = name;
    } catch {
      return zone;
    }
  }
  return fallback.replace(/^GMT/, "UTC") || zone;
}

/** Adds minutes to an instant; RFC 3339 UTC out. */
export function addMinutes(instant: string, minutes: number): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  return new Date(ms + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** "Wed 4 Mar 2026" from `YYYY-MM-DD`. */
export function dayLabel(date: string): string {
  return `${weekday(date)} ${mediumDate(date)}`;
}

/** "Wed 4 Mar 2026, 14:00–15:30 CET": an instant and its end in a zone, always with the zone. */
export function zonedSpan(instant: string, minutes: number, zone: string): string {
  const a = localParts(instant, zone);
  if (!a) return `${instant} (${zone})`;
  const b = localParts(addMinutes(instant, minutes), zone);
  const abbr = zoneAbbreviation(instant, zone);
  if (!b) return `${dayLabel(a.date)}, ${a.time} ${abbr}`;
  const end = b.date === a.date ? b.time : `${b.time} (${mediumDate(b.date)})`;
  return `${dayLabel(a.date)}, ${a.time}–${end} ${abbr}`;
}

/** "13:00 UTC", or "Tue 3 Mar, 23:00 UTC" when the UTC day differs from `localDate`. */
export function utcLabel(instant: string, localDate?: string): string {
  const u = localParts(instant, "UTC");
  if (!u) return instant;
  if (localDate !== undefined && u.date !== localDate) return `${dayLabel(u.date)}, ${u.time} UTC`;
  return `${u.time} UTC`;
}

/** "Tue 24 Nov 2026, 13:00 UTC" */
export function utcDateTime(instant: string): string {
  const u = localParts(instant, "UTC");
  return u ? `${dayLabel(u.date)}, ${u.time} UTC` : instant;
}

/** "1 h 30 min", "45 min", "2 h" */
export function durationLabel(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** "14:00" from "YYYY-MM-DDTHH:MM"; "" for anything else. */
export function timeOf(local: string): string {
  return /T(\d{2}:\d{2})/.exec(local)?.[1] ?? "";
}
