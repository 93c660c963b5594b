// The balance view's rows, columns and chart series, from the backend's Balance. All pure.

import type { View } from "./app.svelte";
import type { Balance } from "./bindings/Balance";
import type { BalanceMonth } from "./bindings/BalanceMonth";
import type { BalanceSet } from "./bindings/BalanceSet";
import type { FlagKind } from "./bindings/FlagKind";
import { monthFromIndex, monthIndex } from "./format";
import { GROUP_LABELS, NOT_KNOWN, REGION_LABELS, REGION_SHORT } from "./labels";

/** A row or column of a balance table: a group or region, or the "not known" one at the end. */
export type Line = { key: string; label: string; long: string; unknown: boolean };

export function groupLines(b: Balance): Line[] {
  const known = b.groups.map((g) => ({ key: g, label: GROUP_LABELS[g], long: GROUP_LABELS[g], unknown: false }));
  return [...known, { key: "unknown", label: NOT_KNOWN, long: "Stakeholder group not known", unknown: true }];
}

export function regionLines(b: Balance): Line[] {
  const known = b.regions.map((r) => ({ key: r, label: REGION_SHORT[r], long: REGION_LABELS[r], unknown: false }));
  return [...known, { key: "unknown", label: NOT_KNOWN, long: "Country or region not known", unknown: true }];
}

/** The people of each set, as a sentence names them. */
export const SET_NOUNS: Record<BalanceSet, { one: string; many: string }> = {
  register: { one: "person", many: "people" },
  attendance: { one: "attendee", many: "attendees" },
  posters: { one: "poster", many: "posters" },
  contributions: { one: "contribution", many: "contributions" },
  outreach: { one: "organisation", many: "organisations" },
};

/** What a set's card says while it has nobody in it, and where to go to fill it. */
/** Where a set's empty card leads: a view, and on the Dissemination view its Outreach tab. */
export type SetGo = { view: View; label: string; outreach?: boolean };

export const SET_EMPTY: Record<BalanceSet, { title: string; text: string; go: SetGo | null }> = {
  register: {
    title: "Nobody in the register yet",
    text: "Import the participants' spreadsheet or add people under People: their stakeholder group and country make this table.",
    go: { view: "people", label: "Go to People" },
  },
  attendance: {
    title: "No meeting attendance imported yet",
    text: "Import a meeting's attendance report under Meetings; attendees are matched to the register by address, or by name.",
    go: { view: "meetings", label: "Go to Meetings" },
  },
  posters: {
    title: "No mailing-list archive imported yet",
    text: "Import the list's archives under Mailing list; posters are matched to the register by their address.",
    go: { view: "mail", label: "Go to Mailing list" },
  },
  contributions: {
    title: "No contribution recorded yet",
    text: "Contributions received to the BPF's calls count here by their contributor's stakeholder group and country.",
    go: { view: "contributions", label: "Go to Contributions" },
  },
  outreach: {
    title: "No organisation invited yet",
    text: "Key organisations invited to take part during outreach count here by their stakeholder group and country.",
    go: { view: "dissemination", label: "Go to Outreach", outreach: true },
  },
};

export const FLAG_LABELS: Record<FlagKind, string> = {
  missing: "Missing",
  low: "Under-represented",
  unknown: "Not known",
};

/** How strongly a cell is tinted: 0 for nobody, then 1–4 by its share of the largest cell. */
export function heat(n: number, max: number): number {
  if (n <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((n / max) * 4)));
}

/** One month of the timeline: distinct people by group ("not known" last) and their sum. */
export type TimelineMonth = { key: string; y: number; m: number; counts: number[]; total: number };

/** The sets the timeline shows, and where each month holds their counts. */
export type TimelineSet = Exclude<BalanceSet, "register">;

export const TIMELINE_SETS: { set: TimelineSet; label: string }[] = [
  { set: "attendance", label: "Meeting attendees" },
  { set: "posters", label: "List posters" },
  { set: "contributions", label: "Contributions" },
];

function countsOf(m: BalanceMonth, set: TimelineSet): number[] {
  if (set === "attendance") return m.attendance_by_group;
  if (set === "posters") return m.posters_by_group;
  return m.contributions_by_group;
}

/** The months from the first to the last with activity, those without any as zeros. */
export function timeline(months: BalanceMonth[], set: TimelineSet, groups: number): TimelineMonth[] {
  const by = new Map<string, number[]>();
  for (const m of months) by.set(m.month, countsOf(m, set));
  const keys = [...by.entries()].filter(([, c]) => c.some((n) => n > 0)).map(([k]) => k).sort();
  if (keys.length === 0) return [];
  const index = (key: string) => monthIndex(Number(key.slice(0, 4)), Number(key.slice(5, 7)));
  const out: TimelineMonth[] = [];
  for (let i = index(keys[0]); i <= index(keys[keys.length - 1]); i += 1) {
    const { y, m } = monthFromIndex(i);
    const key = `${y}-${String(m).padStart(2, "0")}`;
    const counts = by.get(key) ?? new Array<number>(groups).fill(0);
    out.push({ key, y, m, counts, total: counts.reduce((a, b) => a + b, 0) });
  }
  return out;
}
