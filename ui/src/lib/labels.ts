// Human labels for the backend's enum values, and the standard date rules of the BPF cycle.

import type { AnnualMeeting } from "./bindings/AnnualMeeting";
import type { Answer } from "./bindings/Answer";
import type { Channel } from "./bindings/Channel";
import type { CommentSource } from "./bindings/CommentSource";
import type { Disposition } from "./bindings/Disposition";
import type { Derivation } from "./bindings/Derivation";
import type { EffectiveStatus } from "./bindings/EffectiveStatus";
import type { DayPart } from "./bindings/DayPart";
import type { ItemRef } from "./bindings/ItemRef";
import type { MeetingKind } from "./bindings/MeetingKind";
import type { MeetingStatus } from "./bindings/MeetingStatus";
import type { MeetingFormat } from "./bindings/MeetingFormat";
import type { MetricStatus } from "./bindings/MetricStatus";
import type { MilestoneKind } from "./bindings/MilestoneKind";
import type { MilestoneStatus } from "./bindings/MilestoneStatus";
import type { PersonRole } from "./bindings/PersonRole";
import type { Region } from "./bindings/Region";
import type { Role } from "./bindings/Role";
import type { StakeholderGroup } from "./bindings/StakeholderGroup";
import type { WarningCode } from "./bindings/WarningCode";
import type { YearFigures } from "./bindings/YearFigures";
import { addDays, offsetPhrase } from "./format";

export const ROLE_LABELS: Record<Role, string> = {
  mag_facilitator: "MAG facilitator",
  co_facilitator: "Co-facilitator",
  lead_expert: "Lead expert",
  workstream_lead: "Workstream lead",
  secretariat_consultant: "Secretariat consultant",
};

export const ROLES: Role[] = [
  "mag_facilitator",
  "co_facilitator",
  "lead_expert",
  "workstream_lead",
  "secretariat_consultant",
];

/** The IGF's stakeholder groups, in the order the balance tables list them. */
export const GROUPS: StakeholderGroup[] = [
  "government",
  "private_sector",
  "civil_society",
  "technical_community",
  "academia",
  "intergovernmental",
];

export const GROUP_LABELS: Record<StakeholderGroup, string> = {
  government: "Government",
  private_sector: "Private sector",
  civil_society: "Civil society",
  technical_community: "Technical community",
  academia: "Academia",
  intergovernmental: "Intergovernmental organisation",
};

/** For table cells, where the long names do not fit. */
export const GROUP_SHORT: Record<StakeholderGroup, string> = {
  ...GROUP_LABELS,
  intergovernmental: "Intergovernmental",
};

/** The UN regional groups, in the order the UN lists them. */
export const REGIONS: Region[] = [
  "african",
  "asia_pacific",
  "eastern_european",
  "latin_american_caribbean",
  "western_european_other",
];

export const REGION_LABELS: Record<Region, string> = {
  african: "African States",
  asia_pacific: "Asia-Pacific States",
  eastern_european: "Eastern European States",
  latin_american_caribbean: "Latin American and Caribbean States",
  western_european_other: "Western European and Other States",
};

/** For table columns and the register's country cell. */
export const REGION_SHORT: Record<Region, string> = {
  african: "Africa",
  asia_pacific: "Asia-Pacific",
  eastern_european: "Eastern Europe",
  latin_american_caribbean: "Latin America & Caribbean",
  western_european_other: "WEOG",
};

/** A group, region or country nobody recorded. */
export const NOT_KNOWN = "Not known";

export const PERSON_ROLES: PersonRole[] = ["participant", "contributor", "expert", "speaker", "coordinating_team", "secretariat"];

export const PERSON_ROLE_LABELS: Record<PersonRole, string> = {
  participant: "Participant",
  contributor: "Contributor",
  expert: "Expert",
  speaker: "Speaker",
  coordinating_team: "Coordinating team",
  secretariat: "IGF Secretariat",
};

/** What became of a public comment, in the order the resolution editor offers them. */
export const DISPOSITIONS: Disposition[] = ["accepted", "partly", "not_accepted", "out_of_scope"];

export const DISPOSITION_LABELS: Record<Disposition, string> = {
  accepted: "Accepted",
  partly: "Partly accepted",
  not_accepted: "Not accepted",
  out_of_scope: "Out of scope",
};

/** The pill colour of a disposition. */
export const DISPOSITION_TONE: Record<Disposition, "green" | "accent" | "red" | "neutral"> = {
  accepted: "green",
  partly: "accent",
  not_accepted: "red",
  out_of_scope: "neutral",
};

/** A disposition that needs a response saying why (the backend refuses it without one). */
export function needsResponse(d: Disposition | "" | null): boolean {
  return d === "partly" || d === "not_accepted";
}

export const COMMENT_SOURCE_LABELS: Record<CommentSource, string> = {
  csv: "Review platform",
  mail: "Mailing list",
  manual: "Added by hand",
};

/** How the output reached an institution. */
export const CHANNELS: Channel[] = ["email", "post", "meeting", "other"];

export const CHANNEL_LABELS: Record<Channel, string> = {
  email: "E-mail",
  post: "Post",
  meeting: "In a meeting",
  other: "Other",
};

/** The answers of an organisation invited during outreach. */
export const ANSWERS: Answer[] = ["pending", "committed", "interested", "declined", "no_answer"];

export const ANSWER_LABELS: Record<Answer, string> = {
  pending: "Waiting for an answer",
  committed: "Committed to take part",
  interested: "Interested",
  declined: "Declined",
  no_answer: "No answer",
};

/** The pill colour of an answer. */
export const ANSWER_TONE: Record<Answer, "green" | "accent" | "amber" | "red" | "neutral"> = {
  pending: "amber",
  committed: "green",
  interested: "accent",
  declined: "red",
  no_answer: "neutral",
};

export const FORMAT_LABELS: Record<MeetingFormat, string> = {
  in_person: "In person",
  online: "Online",
  hybrid: "Hybrid",
};

export const FORMATS: MeetingFormat[] = ["in_person", "hybrid", "online"];

export const KIND_LABELS: Record<MilestoneKind, string> = {
  kick_off: "Kick-off",
  workstream_activation: "Workstream activation",
  open_meeting: "Open meeting",
  call_for_contributions: "Call for contributions",
  draft_published: "Draft published",
  public_comment: "Public comment",
  annual_meeting_session: "Annual meeting session",
  final_output: "Final output",
  dissemination: "Dissemination",
  next_year_topics: "Next year's topics",
  custom: "Other",
};

export const KINDS: MilestoneKind[] = [
  "kick_off",
  "workstream_activation",
  "open_meeting",
  "call_for_contributions",
  "draft_published",
  "public_comment",
  "annual_meeting_session",
  "final_output",
  "dissemination",
  "next_year_topics",
  "custom",
];

export const STATUS_LABELS: Record<MilestoneStatus, string> = {
  planned: "Planned",
  done: "Done",
};

export const EFFECTIVE_STATUS_LABELS: Record<EffectiveStatus, string> = {
  planned: "Planned",
  done: "Done",
  late: "Late",
};

/** The standard rule for each kind that follows the annual meeting. */
export const STANDARD_DERIVATIONS: Partial<Record<MilestoneKind, Derivation>> = {
  draft_published: { anchor: "meeting_start", offset_days: -42, end: null },
  public_comment: {
    anchor: "meeting_start",
    offset_days: -42,
    end: { anchor: "meeting_start", offset_days: -1 },
  },
  annual_meeting_session: {
    anchor: "meeting_start",
    offset_days: 0,
    end: { anchor: "meeting_end", offset_days: 0 },
  },
  final_output: { anchor: "meeting_end", offset_days: 28, end: null },
  dissemination: { anchor: "meeting_end", offset_days: 35, end: null },
  next_year_topics: { anchor: "meeting_end", offset_days: 49, end: null },
};

export function standardDerivation(kind: MilestoneKind): Derivation | null {
  return STANDARD_DERIVATIONS[kind] ?? null;
}

/** The dates a derivation gives for a meeting (the backend computes the same; this is a preview). */
export function deriveDates(
  derivation: Derivation,
  meeting: AnnualMeeting,
): { date: string; end_date: string | null } {
  const at = (anchor: Derivation["anchor"], offset: number) =>
    addDays(anchor === "meeting_start" ? meeting.start : meeting.end, offset);
  return {
    date: at(derivation.anchor, derivation.offset_days),
    end_date: derivation.end ? at(derivation.end.anchor, derivation.end.offset_days) : null,
  };
}

/** "Follows the annual meeting: 6 weeks before the meeting starts" */
export function describeDerivation(derivation: Derivation): string {
  const start = offsetPhrase(derivation.offset_days, derivation.anchor);
  if (!derivation.end) return `Follows the annual meeting: ${start}`;
  const end = offsetPhrase(derivation.end.offset_days, derivation.end.anchor);
  return `Follows the annual meeting: from ${start} until ${end}`;
}

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  open_virtual_meeting: "Open virtual meeting",
  coordinating_team_call: "Coordinating-team call",
  webinar: "Webinar",
  annual_meeting_session: "Session at the annual meeting",
};

export const MEETING_KINDS: MeetingKind[] = [
  "open_virtual_meeting",
  "coordinating_team_call",
  "webinar",
  "annual_meeting_session",
];

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  planned: "Planned",
  held: "Held",
  cancelled: "Cancelled",
};

export const MEETING_STATUSES: MeetingStatus[] = ["planned", "held", "cancelled"];

export const DAY_PART_LABELS: Record<DayPart, string> = {
  working: "Working hours",
  early: "Early",
  late: "Late",
  night: "Night",
};

/** The pill colour of a part of the day: working green, early and late amber, night red. */
export const DAY_PART_TONE: Record<DayPart, "green" | "amber" | "red"> = {
  working: "green",
  early: "amber",
  late: "amber",
  night: "red",
};

/** A scorecard metric's status in words, its pill colour and its icon (never colour alone). */
export const METRIC_STATUS: Record<MetricStatus, { label: string; tone: "green" | "red" | "neutral"; icon: "check-circle" | "x-circle" | "clock" }> = {
  met: { label: "Met", tone: "green", icon: "check-circle" },
  not_met: { label: "Not met", tone: "red", icon: "x-circle" },
  not_yet_due: { label: "Not yet due", tone: "neutral", icon: "clock" },
};

export const METRIC_STATUSES: MetricStatus[] = ["met", "not_met", "not_yet_due"];

/** The year-over-year figures in the order of the table; `of` when the figure counts out of a whole. */
export const YEAR_FIGURES: { key: keyof YearFigures & string; label: string; hint: string; of?: number }[] = [
  { key: "open_meetings_held", label: "Open meetings held", hint: "Open virtual meetings recorded as held" },
  { key: "attendances", label: "Attendances", hint: "Attendees summed over the meetings" },
  { key: "attendees", label: "Attendees", hint: "People who attended at least one meeting" },
  { key: "messages", label: "Messages", hint: "Messages on the mailing list" },
  { key: "posters", label: "Posters", hint: "People who wrote to the mailing list" },
  { key: "contributions", label: "Contributions", hint: "Contributions received" },
  { key: "people", label: "People in the register", hint: "Entries in the register of people" },
  { key: "attendee_groups", label: "Stakeholder groups among attendees", hint: "Of the six stakeholder groups", of: 6 },
  { key: "attendee_regions", label: "Regions among attendees", hint: "Of the five UN regional groups", of: 5 },
];

export type Severity = "warning" | "error";

const RED_CODES: WarningCode[] = ["FACILITATOR_RULE", "DRAFT_DEADLINE_PASSED", "DRAFT_AFTER_DEADLINE"];

export function warningSeverity(code: WarningCode): Severity {
  return RED_CODES.includes(code) ? "error" : "warning";
}

/** Where a click on a warning takes the user, as a short phrase. */
export function itemRefLabel(ref: ItemRef | undefined): string {
  if (!ref) return "";
  switch (ref.type) {
    case "milestone":
      return "Work plan";
    case "team_member":
    case "team":
      return "Coordinating team";
    case "annual_meeting":
      return "Annual meeting";
    case "meeting":
      return "Meetings";
  }
}

/** A fallback list for the time-zone picker when `Intl.supportedValuesOf` is missing. */
const COMMON_ZONES = [
  "UTC",
  "Europe/Zurich",
  "Europe/Berlin",
  "Europe/Paris",
  "Europe/London",
  "Europe/Oslo",
  "Europe/Warsaw",
  "Europe/Istanbul",
  "Africa/Addis_Ababa",
  "Africa/Nairobi",
  "Africa/Johannesburg",
  "Africa/Lagos",
  "Asia/Riyadh",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Bangkok",
  "Asia/Singapore",
  "Asia/Shanghai",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Pacific/Auckland",
  "America/Sao_Paulo",
  "America/Mexico_City",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
];

let zoneCache: string[] | null = null;

/** IANA zones for a `<datalist>`: the engine's full list when it has one. */
export function timeZones(): string[] {
  if (zoneCache) return zoneCache;
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  let zones: string[] = [];
  try {
    zones = intl.supportedValuesOf ? intl.supportedValuesOf("timeZone") : [];
  } catch {
    zones = [];
  }
  const all = new Set<string>(["UTC", ...zones, ...COMMON_ZONES]);
  zoneCache = [...all].sort((a, b) => (a === "UTC" ? -1 : b === "UTC" ? 1 : a.localeCompare(b)));
  return zoneCache;
}
