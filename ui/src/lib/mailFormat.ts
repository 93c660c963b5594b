// Numbers, periods and chart scales of the mailing-list view. All functions are pure.

import type { Granularity } from "./bindings/Granularity";
import type { Verdict } from "./bindings/Verdict";
import { addDays, mediumDate, monthLabel, monthLong, parseIso, shortDate } from "./format";

const INTEGER = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/** 5371 → "5,371" */
export function count(n: number): string {
  return INTEGER.format(n);
}

/** "1 message", "3 messages" */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** Bytes as MB with one decimal ("2.9 MB"), or kB under 100 kB. */
export function size(bytes: number): string {
  if (bytes < 100_000) return `${Math.max(0, Math.round(bytes / 1000))} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Seconds as "0.34 s", "12.3 s", "2 min 05 s". */
export function duration(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${String(Math.round(seconds - m * 60)).padStart(2, "0")} s`;
}

/** A share 0–1 as "12 %" (one decimal under 10 %). */
export function percent(share: number): string {
  const p = share * 100;
  return `${p > 0 && p < 10 ? p.toFixed(1) : Math.round(p)} %`;
}

/** An average with one decimal under 10. */
export function average(x: number): string {
  return x >= 10 || Math.abs(x - Math.round(x)) < 0.05 ? count(Math.round(x)) : x.toFixed(1);
}

/** A period's name in full: "March 2005", "week 10 (7–13 Mar 2005)". */
export function periodName(period: string, start: string, by: Granularity): string {
  const p = parseIso(start);
  if (!p) return period;
  if (by === "month") return `${monthLong(p.m)} ${p.y}`;
  const week = period.split("-W")[1] ?? "";
  return `week ${Number(week)} (${shortDate(start)} – ${mediumDate(addDays(start, 6))})`;
}

/** A period's short label on the chart's axis: "Mar" (months) or "7 Mar" (weeks). */
export function axisLabel(start: string, by: Granularity): string {
  const p = parseIso(start);
  if (!p) return start;
  return by === "month" ? monthLabel(p.y, p.m) : shortDate(start);
}

export const VERDICT_LABELS: Record<Verdict, string> = {
  met: "Met",
  not_met: "Not met",
  no_evidence: "No evidence",
};

export const VERDICT_TONES: Record<Verdict, "green" | "red" | "amber"> = {
  met: "green",
  not_met: "red",
  no_evidence: "amber",
};

/** Round steps for an axis from 0 to at least `max`: about `target` gridlines. */
export function niceTicks(max: number, target = 4): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const raw = max / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const whole = Math.max(1, Math.round(step));
  const top = Math.ceil(max / whole) * whole;
  const ticks: number[] = [];
  for (let t = 0; t <= top + whole / 2; t += whole) ticks.push(t);
  return { top, ticks };
}

/** Every how many bars an axis label fits, with labels at least `spacing` px apart. */
export function labelEvery(bars: number, width: number, spacing: number, by: Granularity): number {
  if (bars <= 0) return 1;
  const per = width / bars;
  const every = Math.max(1, Math.ceil(spacing / Math.max(per, 0.01)));
  // Months step by 1, 2, 3, 6 or 12 so that the labels fall on the same months every year.
  const steps = by === "month" ? [1, 2, 3, 6, 12, 24, 60, 120] : [1, 2, 4, 8, 13, 26, 52, 104, 260];
  return steps.find((s) => s >= every) ?? every;
}

/** Whether a month gets a label on a time axis labelled every `step` months (a step from
 * labelEvery): January and every `step`-th month, or January of every `step / 12`-th year. */
export function onMonthTick(y: number, m: number, step: number): boolean {
  return step >= 12 ? m === 1 && y % (step / 12) === 0 : (m - 1) % step === 0;
}

/** The time axis's labels with the year under the first label of each year. */
export function markYears<T extends { y: number }>(labels: T[]): (T & { year: string | null })[] {
  let lastYear = -1;
  return labels.map((l) => {
    const year = l.y !== lastYear ? String(l.y) : null;
    lastYear = l.y;
    return { ...l, year };
  });
}

/** A label on a chart's time axis (ChartAxes): across at `x`, the year under it where it changes. */
export type AxisLabel = { key: number; x: number; text: string; year: string | null };

/** A bar's width in a band of `band` px: most of the band, at most `max` px; in bands too thin
 * for a gap, the band less a hairline. */
export function barWidth(band: number, max: number): number {
  return band >= 4 ? Math.max(1, Math.min(band * 0.72, max)) : Math.max(0.6, band - 0.4);
}

/** The band under the pointer in an <svg> whose `n` bands of `band` px start `left` px in, or null. */
export function bandAt(event: PointerEvent, left: number, band: number, n: number): number | null {
  const box = (event.currentTarget as Element).getBoundingClientRect();
  const i = Math.floor((event.clientX - box.left - left) / band);
  return band > 0 && i >= 0 && i < n ? i : null;
}
