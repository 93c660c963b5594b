// The month range the work-plan timeline shows (pure, shared by the timeline and its heading).

import type { AnnualMeeting } from "./bindings/AnnualMeeting";
import type { MilestoneView } from "./bindings/MilestoneView";
import { monthFromIndex, monthIndex, monthLabel, parseIso } from "./format";

/** At most this many month columns (a typo such as 2062 must not make hundreds). */
export const MAX_MONTHS = 36;

export type MonthRange = { first: number; count: number };

function monthOf(iso: string | null | undefined): number | null {
  const p = iso ? parseIso(iso) : null;
  return p ? monthIndex(p.y, p.m) : null;
}

/**
 * From the earliest milestone's month to the latest date of the plan (milestones, annual meeting,
 * draft deadline). Without a kick-off the start of the year is still open, so it starts in January.
 */
export function timelineRange(
  milestones: MilestoneView[],
  meeting: AnnualMeeting | null,
  draftDeadline: string | null,
  year: number,
  /** Other dates to show, e.g. the virtual meetings. */
  extra: string[] = [],
): MonthRange {
  const months: number[] = [];
  for (const m of milestones) {
    for (const iso of [m.date, m.end_date]) {
      const i = monthOf(iso);
      if (i !== null) months.push(i);
    }
  }
  for (const iso of [meeting?.start, meeting?.end, draftDeadline, ...extra]) {
    const i = monthOf(iso);
    if (i !== null) months.push(i);
  }
  const january = monthIndex(year, 1);
  if (months.length === 0) return { first: january, count: 12 };
  const hasKickOff = milestones.some((m) => m.kind === "kick_off");
  const first = hasKickOff ? Math.min(...months) : Math.min(january, ...months);
  const last = Math.max(...months);
  return { first, count: Math.min(last - first + 1, MAX_MONTHS) };
}

/** "Apr 2020 – Jan 2021" */
export function rangeLabel(range: MonthRange): string {
  const a = monthFromIndex(range.first);
  const b = monthFromIndex(range.first + range.count - 1);
  return `${monthLabel(a.y, a.m, true)} – ${monthLabel(b.y, b.m, true)}`;
}
