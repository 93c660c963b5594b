// The one place that talks to the Rust backend.
//
// Every function here is a thin, typed wrapper around one Tauri command. Argument names are
// camelCase: Tauri maps them onto the snake_case parameters of the Rust commands.

import { invoke } from "@tauri-apps/api/core";

import type { AttendanceImport } from "./bindings/AttendanceImport";
import type { AttendanceSummary } from "./bindings/AttendanceSummary";
import type { Attendee } from "./bindings/Attendee";
import type { ColumnChoice } from "./bindings/ColumnChoice";
import type { IpcError } from "./bindings/IpcError";
import type { LocalTime } from "./bindings/LocalTime";
import type { MeetingForm } from "./bindings/MeetingForm";
import type { MeetingStatus } from "./bindings/MeetingStatus";
import type { PlaceInput } from "./bindings/PlaceInput";
import type { Slot } from "./bindings/Slot";
import type { SlotQuery } from "./bindings/SlotQuery";
import type { AnnualMeetingInput } from "./bindings/AnnualMeetingInput";
import type { MilestoneInput } from "./bindings/MilestoneInput";
import type { MilestoneStatus } from "./bindings/MilestoneStatus";
import type { MovedMilestone } from "./bindings/MovedMilestone";
import type { NewBpf } from "./bindings/NewBpf";
import type { PlanView } from "./bindings/PlanView";
import type { Profile } from "./bindings/Profile";
import type { ProjectInfo } from "./bindings/ProjectInfo";
import type { RecentFile } from "./bindings/RecentFile";
import type { StartInfo } from "./bindings/StartInfo";
import type { TeamMemberInput } from "./bindings/TeamMemberInput";
import type { WorkstreamInput } from "./bindings/WorkstreamInput";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";

import type { Backup } from "./bindings/Backup";
import type { Removed } from "./bindings/Removed";
import type { ThemeChoice } from "./bindings/ThemeChoice";
import type { UndoItem } from "./bindings/UndoItem";

import type { ArchivePick } from "./bindings/ArchivePick";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { ListThresholds } from "./bindings/ListThresholds";
import type { MailImportReport } from "./bindings/MailImportReport";
import type { MailOverview } from "./bindings/MailOverview";
import type { SnapshotReport } from "./bindings/SnapshotReport";
import type { StatsQuery } from "./bindings/StatsQuery";

import type { AddedImage } from "./bindings/AddedImage";
import type { ExportedReport } from "./bindings/ExportedReport";
import type { Publication } from "./bindings/Publication";
import type { ReportFormat } from "./bindings/ReportFormat";
import type { ReportOutline } from "./bindings/ReportOutline";
import type { ReportSection } from "./bindings/ReportSection";
import type { ReportVersion } from "./bindings/ReportVersion";
import type { SectionEdit } from "./bindings/SectionEdit";
import type { SectionKind } from "./bindings/SectionKind";
import type { SectionPreview } from "./bindings/SectionPreview";

import type { Balance } from "./bindings/Balance";
import type { BalanceThresholds } from "./bindings/BalanceThresholds";
import type { Country } from "./bindings/Country";
import type { PeopleImport } from "./bindings/PeopleImport";
import type { PeopleView } from "./bindings/PeopleView";
import type { Person } from "./bindings/Person";
import type { PersonInput } from "./bindings/PersonInput";
import type { PersonSuggestion } from "./bindings/PersonSuggestion";

import type { Call } from "./bindings/Call";
import type { CallInput } from "./bindings/CallInput";
import type { Contribution } from "./bindings/Contribution";
import type { ContributionInput } from "./bindings/ContributionInput";

import type { Comment } from "./bindings/Comment";
import type { CommentInput } from "./bindings/CommentInput";
import type { CommentsImport } from "./bindings/CommentsImport";
import type { CommentsView } from "./bindings/CommentsView";
import type { Resolution } from "./bindings/Resolution";

import type { Channel } from "./bindings/Channel";
import type { Institution } from "./bindings/Institution";
import type { InstitutionInput } from "./bindings/InstitutionInput";
import type { Invitation } from "./bindings/Invitation";
import type { InvitationInput } from "./bindings/InvitationInput";
import type { LettersWritten } from "./bindings/LettersWritten";
import type { LetterView } from "./bindings/LetterView";
import type { Sending } from "./bindings/Sending";

import type { FileScorecard } from "./bindings/FileScorecard";
import type { Home } from "./bindings/Home";
import type { ProposalText } from "./bindings/ProposalText";
import type { ProposalView } from "./bindings/ProposalView";
import type { Scorecard } from "./bindings/Scorecard";
import type { YearFigures } from "./bindings/YearFigures";

export type { StartInfo };

/** Every failed command rejects with this shape (`IpcError` on the Rust side). */
export type ApiError = IpcError;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Turns whatever a rejected `invoke` carried into an `ApiError`. */
export function toApiError(raw: unknown): ApiError {
  if (isRecord(raw)) {
    const message = raw["message"];
    const code = raw["code"];
    if (typeof message === "string") {
      return { code: typeof code === "string" ? code : null, message };
    }
    if (raw instanceof Error) {
      return { code: null, message: raw.message || String(raw) };
    }
    try {
      return { code: null, message: JSON.stringify(raw) };
    } catch {
      return { code: null, message: String(raw) };
    }
  }
  if (typeof raw === "string" && raw.length > 0) {
    return { code: null, message: raw };
  }
  return { code: null, message: "Something went wrong (no details were given)." };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toApiError(raw);
  }
}

// ---- Files and the start screen -------------------------------------------------------------

export function appStart(): Promise<StartInfo> {
  return call<StartInfo>("app_start");
}

/** Shows the native Save dialog; `null` when the user cancelled. */
export function newProject(bpf: NewBpf): Promise<ProjectInfo | null> {
  return call<ProjectInfo | null>("new_project", { new: bpf });
}

/** Shows the native Open dialog; `null` when the user cancelled. */
export function openProjectDialog(): Promise<ProjectInfo | null> {
  return call<ProjectInfo | null>("open_project_dialog");
}

export function openRecent(path: string): Promise<ProjectInfo> {
  return call<ProjectInfo>("open_recent", { path });
}

export function forgetRecent(path: string): Promise<RecentFile[]> {
  return call<RecentFile[]>("forget_recent", { path });
}

export function listRecent(): Promise<RecentFile[]> {
  return call<RecentFile[]>("list_recent");
}

/** Writes a fresh copy of the demo BPF (IGF 2020 BPF Cybersecurity) and opens it. */
export function openDemo(): Promise<ProjectInfo> {
  return call<ProjectInfo>("open_demo");
}

export function closeProject(): Promise<RecentFile[]> {
  return call<RecentFile[]>("close_project");
}

/** Native Save dialog; the path written, or `null` when cancelled. */
export function saveCopy(): Promise<string | null> {
  return call<string | null>("save_copy");
}

/** Native Save dialog; the path of the `.ics` written, or `null` when cancelled. */
export function exportIcs(): Promise<string | null> {
  return call<string | null>("export_ics");
}

/** The open project's daily backups, newest first. */
export function listBackups(): Promise<Backup[]> {
  return call<Backup[]>("list_backups");
}

/**
 * Replaces the open project with one of its backups (`path` from `listBackups`); the file it
 * replaces is kept as a "before restore" backup first. The project is open again when it answers.
 */
export function restoreBackup(path: string): Promise<ProjectInfo> {
  return call<ProjectInfo>("restore_backup", { path });
}

// ---- Undo of deletions, the theme, links and the window -------------------------------------

/** The deletions that can still be undone, newest first. */
export function undoList(): Promise<UndoItem[]> {
  return call<UndoItem[]>("undo_list");
}

/** Puts back what a deletion removed; the label of what was put back. */
export function undo(id: number): Promise<string> {
  return call<string>("undo", { id });
}

/** Keeps the theme chosen, and gives it to the window and the View › Theme menu. */
export function setTheme(theme: ThemeChoice): Promise<null> {
  return call<null>("set_theme", { theme });
}

/** Opens one of the BPF's own web addresses (its website or list) in the browser; others are refused. */
export function openLink(url: string): Promise<null> {
  return call<null>("open_link", { url });
}

export async function setWindowTitle(title: string): Promise<void> {
  try {
    await getCurrentWindow().setTitle(title);
  } catch (raw) {
    throw toApiError(raw);
  }
}

/** Calls `handler` with the id of each native menu item the page carries out (`go:meetings`, `recent:<path>`…). */
export function onMenu(handler: (id: string) => void): Promise<UnlistenFn> {
  return listen<string>("menu", (event) => handler(event.payload));
}

/** A second start of the app handed over a file, and the backend opened it. */
export function onProjectOpened(handler: (info: ProjectInfo) => void): Promise<UnlistenFn> {
  return listen<ProjectInfo>("project-opened", (event) => handler(event.payload));
}

/** A file handed over by a second start of the app could not be opened; why. */
export function onOpenFailed(handler: (message: string) => void): Promise<UnlistenFn> {
  return listen<string>("open-failed", (event) => handler(event.payload));
}

// ---- The plan -------------------------------------------------------------------------------

export function getPlan(): Promise<PlanView> {
  return call<PlanView>("get_plan");
}

export function setProfile(profile: Profile): Promise<null> {
  return call<null>("set_profile", { profile });
}

/** Returns the derived milestones whose dates moved with the meeting. */
export function setMeeting(meeting: AnnualMeetingInput): Promise<MovedMilestone[]> {
  return call<MovedMilestone[]>("set_meeting", { meeting });
}

export function addTeamMember(member: TeamMemberInput): Promise<number> {
  return call<number>("add_team_member", { member });
}

export function updateTeamMember(id: number, member: TeamMemberInput): Promise<null> {
  return call<null>("update_team_member", { id, member });
}

export function deleteTeamMember(id: number): Promise<null> {
  return call<null>("delete_team_member", { id });
}

export function addWorkstream(workstream: WorkstreamInput): Promise<number> {
  return call<number>("add_workstream", { workstream });
}

export function updateWorkstream(id: number, workstream: WorkstreamInput): Promise<null> {
  return call<null>("update_workstream", { id, workstream });
}

export function deleteWorkstream(id: number): Promise<null> {
  return call<null>("delete_workstream", { id });
}

export function addMilestone(milestone: MilestoneInput): Promise<number> {
  return call<number>("add_milestone", { milestone });
}

export function updateMilestone(id: number, milestone: MilestoneInput): Promise<null> {
  return call<null>("update_milestone", { id, milestone });
}

export function setMilestoneStatus(id: number, status: MilestoneStatus): Promise<null> {
  return call<null>("set_milestone_status", { id, status });
}

/** What was removed, for "Undo" (see `undo`). */
export function deleteMilestone(id: number): Promise<Removed> {
  return call<Removed>("delete_milestone", { id });
}

// ---- Places and meetings --------------------------------------------------------------------

export function addPlace(place: PlaceInput): Promise<number> {
  return call<number>("add_place", { place });
}

export function updatePlace(id: number, place: PlaceInput): Promise<null> {
  return call<null>("update_place", { id, place });
}

export function deletePlace(id: number): Promise<null> {
  return call<null>("delete_place", { id });
}

/** Refuses a local start that a DST change skips or repeats, with a sentence to show as is. */
export function addMeeting(meeting: MeetingForm): Promise<number> {
  return call<number>("add_meeting", { meeting });
}

/** Also raises the meeting's SEQUENCE, so a re-sent invitation replaces the old one. */
export function updateMeeting(id: number, meeting: MeetingForm): Promise<null> {
  return call<null>("update_meeting", { id, meeting });
}

export function setMeetingStatus(id: number, status: MeetingStatus): Promise<null> {
  return call<null>("set_meeting_status", { id, status });
}

/** Also removes its attendance, agenda and materials; what was removed, for "Undo". */
export function deleteMeeting(id: number): Promise<Removed> {
  return call<Removed>("delete_meeting", { id });
}

/** The meeting's time in every place, in the order of the places. */
export function localTimes(id: number): Promise<LocalTime[]> {
  return call<LocalTime[]>("local_times", { id });
}

/** The fairest single slots, best first. */
export function findSlots(query: SlotQuery, limit: number): Promise<Slot[]> {
  return call<Slot[]>("find_slots", { query, limit });
}

/** A series of `count` slots that rotates the inconvenience between the places. */
export function rotation(query: SlotQuery, count: number): Promise<Slot[]> {
  return call<Slot[]>("rotation", { query, count });
}

/** Native Save dialog; the path of the invitation written, or `null` when cancelled. */
export function exportMeetingIcs(id: number): Promise<string | null> {
  return call<string | null>("export_meeting_ics", { id });
}

/** Native Save dialog; the path of the announcement e-mail (.eml draft) written, or `null`. */
export function exportMeetingAnnouncement(id: number): Promise<string | null> {
  return call<string | null>("export_meeting_announcement", { id });
}

/**
 * Writes the announcement as a draft into the app's outbox and hands it to the system's mail
 * program; the draft's path. Rejects, saying where the draft is, when no program takes it.
 */
export function openAnnouncementInMail(id: number): Promise<string> {
  return call<string>("open_announcement_in_mail", { id });
}

/** Native Save dialog; the path of the summary (Markdown) written, or `null`. */
export function exportMeetingSummary(id: number): Promise<string | null> {
  return call<string | null>("export_meeting_summary", { id });
}

/**
 * Native Open dialog for an attendance report (CSV). Zoom's participants report is imported at
 * once; any other CSV comes back as a preview for the mapping step while the backend keeps the
 * file. `null` when the user cancelled.
 */
export function importAttendance(id: number): Promise<AttendanceImport | null> {
  return call<AttendanceImport | null>("import_attendance", { id });
}

/** Imports the report of the mapping step with the chosen columns (0-based). */
export function importAttendanceMapped(id: number, columns: ColumnChoice): Promise<AttendanceSummary> {
  return call<AttendanceSummary>("import_attendance_mapped", { id, columns });
}

/** Lets go of the report of the mapping step. */
export function cancelAttendanceImport(): Promise<null> {
  return call<null>("cancel_attendance_import");
}

/** The attendees of a meeting, from its last imported report. */
export function attendance(id: number): Promise<Attendee[]> {
  return call<Attendee[]>("attendance", { id });
}

/** Saves the summary (Markdown) of a meeting. */
export function setMeetingSummary(id: number, summary: string): Promise<null> {
  return call<null>("set_meeting_summary", { id, summary });
}

/** A summary skeleton made from the meeting's agenda. */
export function meetingSummarySkeleton(id: number): Promise<string> {
  return call<string>("meeting_summary_skeleton", { id });
}

/** Markdown rendered by the backend as inert HTML (no script, no remote load, no links). */
export function renderMarkdown(text: string): Promise<string> {
  return call<string>("render_markdown", { text });
}

// ---- The mailing list -----------------------------------------------------------------------

/** Figures, verdict, snapshots and thresholds of a period (no dates: the BPF's active period). */
export function mailOverview(query: StatsQuery): Promise<MailOverview> {
  return call<MailOverview>("mail_overview", { query });
}

/**
 * Native dialog for a folder or for archive files, then the import in one transaction; progress
 * arrives through `onMailImportProgress`. `null` when the dialog was cancelled; rejects with the
 * code `CANCELLED` when `cancelMailImport` stopped it (nothing was added).
 */
export function importMail(kind: ArchivePick): Promise<MailImportReport | null> {
  return call<MailImportReport | null>("import_mail", { kind });
}

/** Stops the running import (it adds nothing); `false` when none was running. */
export function cancelMailImport(): Promise<boolean> {
  return call<boolean>("cancel_mail_import");
}

/** Calls `handler` with the progress of archive imports until the returned function is called. */
export function onMailImportProgress(handler: (progress: ImportProgress) => void): Promise<UnlistenFn> {
  return listen<ImportProgress>("mail-import-progress", (event) => handler(event.payload));
}

/**
 * Native Open dialog for a member list (Mailman 3 members CSV, Mailman 2 `list_members`) taken on
 * `takenOn` (`YYYY-MM-DD`); `null` when cancelled. A snapshot of the same date is replaced.
 */
export function importSnapshot(takenOn: string): Promise<SnapshotReport | null> {
  return call<SnapshotReport | null>("import_snapshot", { takenOn });
}

export function deleteSnapshot(id: number): Promise<null> {
  return call<null>("delete_snapshot", { id });
}

export function setListThresholds(thresholds: ListThresholds): Promise<null> {
  return call<null>("set_list_thresholds", { thresholds });
}

/** Native Save dialog; the path of the CSV of the period's figures written, or `null`. */
export function exportMailStats(query: StatsQuery): Promise<string | null> {
  return call<string | null>("export_mail_stats", { query });
}

// ---- The report -----------------------------------------------------------------------------

/** The sections in order with their numbers, the images and the publications. */
export function reportOutline(): Promise<ReportOutline> {
  return call<ReportOutline>("report_outline");
}

export function reportSection(id: number): Promise<ReportSection> {
  return call<ReportSection>("report_section", { id });
}

/** Stores a section's title, inclusion and text (a text with a mistake is kept). */
export function saveReportSection(id: number, edit: SectionEdit): Promise<null> {
  return call<null>("save_report_section", { id, edit });
}

/** A chapter (goes before the annexes) or an annex (at the end) of the writers' own; its id. */
export function addReportSection(kind: SectionKind, title: string): Promise<number> {
  return call<number>("add_report_section", { kind, title });
}

/** Only the writers' own chapters and annexes can be deleted. */
export function deleteReportSection(id: number): Promise<null> {
  return call<null>("delete_report_section", { id });
}

/** Every section's id in the new order; refused when an annex would come before a chapter. */
export function orderReportSections(ids: number[]): Promise<null> {
  return call<null>("order_report_sections", { ids });
}

/** The section laid out with an unsaved text: escaped HTML, or the mistake with section and line. */
export function previewReportSection(id: number, body: string): Promise<SectionPreview> {
  return call<SectionPreview>("preview_report_section", { id, body });
}

/** Native Open dialog for a picture (PNG, JPEG, SVG); `null` when cancelled. */
export function addReportImage(): Promise<AddedImage | null> {
  return call<AddedImage | null>("add_report_image");
}

export function deleteReportImage(name: string): Promise<null> {
  return call<null>("delete_report_image", { name });
}

/**
 * Publishes a version dated `publishedOn` (`YYYY-MM-DD`); a draft needs the day comments close.
 * The final output is refused while public comments are open, unless `overrideUnresolved`.
 */
export function publishReport(
  version: ReportVersion,
  publishedOn: string,
  commentDeadline: string | null,
  overrideUnresolved = false,
): Promise<Publication> {
  return call<Publication>("publish_report", { version, publishedOn, commentDeadline, overrideUnresolved });
}

/**
 * Native Save dialog, then the report written as PDF or DOCX off the main thread: the version's
 * latest publication, or else the current (saved) text. `null` when cancelled.
 */
export function exportReport(version: ReportVersion, format: ReportFormat): Promise<ExportedReport | null> {
  return call<ExportedReport | null>("export_report", { version, format });
}

// ---- The register of people ----------------------------------------------------------------

/** The register by name, the merges (newest first) and the entries that look like one person. */
export function peopleView(): Promise<PeopleView> {
  return call<PeopleView>("people_view");
}

/** Refuses an address that already belongs to someone in the register. */
export function addPerson(input: PersonInput): Promise<Person> {
  return call<Person>("add_person", { input });
}

/** Adds several people in one go (all or none); how many were added. */
export function addPeople(inputs: PersonInput[]): Promise<number> {
  return call<number>("add_people", { inputs });
}

/** `input.emails` is the whole list of addresses to keep (those of merged entries included). */
export function updatePerson(id: number, input: PersonInput): Promise<Person> {
  return call<Person>("update_person", { id, input });
}

/** Also deletes the entries merged into this one; what was removed, for "Undo". */
export function deletePerson(id: number): Promise<Removed> {
  return call<Removed>("delete_person", { id });
}

/** Merges `other` into `keep`: one entry with both's addresses; `keep`'s empty fields take `other`'s. */
export function mergePeople(keep: number, other: number): Promise<Person> {
  return call<Person>("merge_people", { keep, other });
}

export function undoMerge(mergeId: number): Promise<null> {
  return call<null>("undo_merge", { mergeId });
}

/** Team members, meeting attendees and list posters not in the register, the most active first. */
export function personSuggestions(): Promise<PersonSuggestion[]> {
  return call<PersonSuggestion[]>("person_suggestions");
}

/** Native Open dialog for a people file (CSV), then the import; `null` when cancelled. */
export function importPeople(): Promise<PeopleImport | null> {
  return call<PeopleImport | null>("import_people");
}

/** Stakeholder group × region of the register, the meeting attendance and the list posters. */
export function peopleBalance(): Promise<Balance> {
  return call<Balance>("people_balance");
}

/** Refuses a percentage over 100; the balance with the new flags. */
export function setBalanceThresholds(thresholds: BalanceThresholds): Promise<Balance> {
  return call<Balance>("set_balance_thresholds", { thresholds });
}

/** Every country the register knows, by name, with its UN regional group. */
export function countries(): Promise<Country[]> {
  return call<Country[]>("countries");
}

// ---- Calls for contributions and contributions ---------------------------------------------

/** The calls, each with the number of contributions received for it. */
export function calls(): Promise<Call[]> {
  return call<Call[]>("calls");
}

export function addCall(input: CallInput): Promise<number> {
  return call<number>("add_call", { input });
}

export function updateCall(id: number, input: CallInput): Promise<null> {
  return call<null>("update_call", { id, input });
}

/** The call's contributions stay, outside any call. */
export function deleteCall(id: number): Promise<null> {
  return call<null>("delete_call", { id });
}

export function contributions(): Promise<Contribution[]> {
  return call<Contribution[]>("contributions");
}

/**
 * A linked register entry (`person_id`) fills the organisation, country and group left empty;
 * no `received_on` means today, and a day after today is refused.
 */
export function addContribution(input: ContributionInput): Promise<Contribution> {
  return call<Contribution>("add_contribution", { input });
}

export function updateContribution(id: number, input: ContributionInput): Promise<Contribution> {
  return call<Contribution>("update_contribution", { id, input });
}

export function deleteContribution(id: number): Promise<null> {
  return call<null>("delete_contribution", { id });
}

/** Native Open dialog for the file received, kept in the project; `null` when cancelled. */
export function attachContributionFile(id: number): Promise<Contribution | null> {
  return call<Contribution | null>("attach_contribution_file", { id });
}

/** Native Save dialog for the file kept with a contribution; the path, or `null` when cancelled. */
export function saveContributionFile(id: number): Promise<string | null> {
  return call<string | null>("save_contribution_file", { id });
}

/** A contribution published on its own with its credit line, saved through the native dialog. */
export function exportContribution(id: number, format: ReportFormat): Promise<string | null> {
  return call<string | null>("export_contribution", { id, format });
}

// ---- Public comments on the draft -----------------------------------------------------------

/** The comments, the sections they can be linked to, how many are open, and the comment period. */
export function comments(): Promise<CommentsView> {
  return call<CommentsView>("comments");
}

export function addComment(input: CommentInput): Promise<Comment> {
  return call<Comment>("add_comment", { input });
}

export function updateComment(id: number, input: CommentInput): Promise<null> {
  return call<null>("update_comment", { id, input });
}

/** Refuses "partly" and "not accepted" without a response that says why. */
export function resolveComment(id: number, resolution: Resolution): Promise<null> {
  return call<null>("resolve_comment", { id, resolution });
}

export function deleteComment(id: number): Promise<null> {
  return call<null>("delete_comment", { id });
}

/** Native Open dialog for a review platform's CSV, then the import; `null` when cancelled. */
export function importCommentsCsv(): Promise<CommentsImport | null> {
  return call<CommentsImport | null>("import_comments_csv");
}

/**
 * Native Open dialog for list archives; the messages of the comment period become comments.
 * Refused while no draft is published for comment; `null` when cancelled.
 */
export function importCommentsMail(): Promise<CommentsImport | null> {
  return call<CommentsImport | null>("import_comments_mail");
}

/** Native Save dialog; the path of the comment-resolution table (CSV), or `null`. */
export function exportCommentsCsv(): Promise<string | null> {
  return call<string | null>("export_comments_csv");
}

/** The comment-resolution table in the report's house style, saved through the native dialog. */
export function exportCommentsDocument(format: ReportFormat): Promise<string | null> {
  return call<string | null>("export_comments_document", { format });
}

// ---- Dissemination and outreach -------------------------------------------------------------

/** The institutions the output goes to, each with the day it was last sent to it. */
export function institutions(): Promise<Institution[]> {
  return call<Institution[]>("institutions");
}

export function addInstitution(input: InstitutionInput): Promise<number> {
  return call<number>("add_institution", { input });
}

export function updateInstitution(id: number, input: InstitutionInput): Promise<null> {
  return call<null>("update_institution", { id, input });
}

export function deleteInstitution(id: number): Promise<null> {
  return call<null>("delete_institution", { id });
}

/** The cover letter's template, signatory and the fields it may use. */
export function letter(): Promise<LetterView> {
  return call<LetterView>("letter");
}

/** `template: null` goes back to the built-in letter; an unknown `{{field}}` is refused, named. */
export function setLetter(template: string | null, signatory: string): Promise<LetterView> {
  return call<LetterView>("set_letter", { template, signatory });
}

/**
 * Native folder dialog, then a letter per institution (PDF and DOCX) and, once the final output
 * is published, an e-mail draft with it attached for each institution with an address. `null`
 * when cancelled.
 */
export function writeLetters(): Promise<LettersWritten | null> {
  return call<LettersWritten | null>("write_letters");
}

export function sendings(): Promise<Sending[]> {
  return call<Sending[]>("sendings");
}

/** Logs a sending (`sentOn` is `YYYY-MM-DD`, not after today); its id. */
export function recordSending(institutionId: number, sentOn: string, channel: Channel, note: string): Promise<number> {
  return call<number>("record_sending", { institutionId, sentOn, channel, note });
}

export function deleteSending(id: number): Promise<null> {
  return call<null>("delete_sending", { id });
}

/** The press-release draft (Markdown), naming the institutions the output was sent to. */
export function pressRelease(): Promise<string> {
  return call<string>("press_release");
}

/** Native Save dialog; the path of the press-release draft (DOCX), or `null`. */
export function exportPressRelease(): Promise<string | null> {
  return call<string | null>("export_press_release");
}

/** The key organisations invited to take part, with their answer. */
export function invitations(): Promise<Invitation[]> {
  return call<Invitation[]>("invitations");
}

export function addInvitation(input: InvitationInput): Promise<number> {
  return call<number>("add_invitation", { input });
}

export function updateInvitation(id: number, input: InvitationInput): Promise<null> {
  return call<null>("update_invitation", { id, input });
}

export function deleteInvitation(id: number): Promise<null> {
  return call<null>("delete_invitation", { id });
}

// ---- The home screen, the scorecard, the proposal and the next year -------------------------

/** Where the BPF stands today: deadlines, the draft countdown, warnings, scorecard, activity. */
export function home(): Promise<Home> {
  return call<Home>("home");
}

/** The metrics of a completed BPF as of today, each met, not met or not yet due. */
export function scorecard(): Promise<Scorecard> {
  return call<Scorecard>("scorecard");
}

/** Native Save dialog; the path of the one-page scorecard (PDF or DOCX) written, or `null`. */
export function exportScorecard(format: ReportFormat): Promise<string | null> {
  return call<string | null>("export_scorecard", { format });
}

/**
 * Native Open dialog for other project files; the open file's scorecard first, then theirs (an
 * entry that could not be read has `scorecard: null` and an `error`). `null` when cancelled.
 */
export function scorecards(): Promise<FileScorecard[] | null> {
  return call<FileScorecard[] | null>("scorecards");
}

/** Native Open dialog for another year's file; both years' figures by year, or `null`. */
export function compareYears(): Promise<YearFigures[] | null> {
  return call<YearFigures[] | null>("compare_years");
}

/** The proposal composer: the profile's parts, the texts, the indicators and the broken rules. */
export function proposal(): Promise<ProposalView> {
  return call<ProposalView>("proposal");
}

/** Stores the proposal's texts (trimmed); the view with the rules checked again. */
export function saveProposal(text: ProposalText): Promise<ProposalView> {
  return call<ProposalView>("save_proposal", { text });
}

/** Native Save dialog, then the proposal as PDF or DOCX; refused while a rule is broken. */
export function exportProposal(format: ReportFormat): Promise<string | null> {
  return call<string | null>("export_proposal", { format });
}

/**
 * Native Save dialog, then next year's project made from this one (this file is only read) and
 * opened in its place. `null` when cancelled.
 */
export function nextYear(meeting: AnnualMeetingInput): Promise<ProjectInfo | null> {
  return call<ProjectInfo | null>("next_year", { meeting });
}
