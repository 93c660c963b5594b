// Application state shared by all screens: the open project, its plan, navigation and errors.

import * as api from "./api";
import type { ApiError } from "./api";
import type { PlanView } from "./bindings/PlanView";
import type { ProjectInfo } from "./bindings/ProjectInfo";
import type { RecentFile } from "./bindings/RecentFile";
import { localToday } from "./format";

export type View =
  | "overview"
  | "profile"
  | "meetings"
  | "workplan"
  | "mail"
  | "report"
  | "people"
  | "balance"
  | "contributions"
  | "comments"
  | "dissemination"
  | "scorecard"
  | "proposal";

/** Something a warning pointed at, for the target screen to scroll to and highlight. */
export type Focus =
  | { target: "milestones"; ids: number[]; seq: number }
  | { target: "team"; ids: number[]; seq: number }
  | { target: "meeting"; seq: number }
  | { target: "virtual-meeting"; id: number; seq: number }
  | { target: "outreach"; seq: number };

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

class AppState {
  /** True once `app_start` has answered (or failed). */
  ready = $state(false);
  today = $state(localToday());
  recent = $state<RecentFile[]>([]);
  project = $state<ProjectInfo | null>(null);
  plan = $state<PlanView | null>(null);
  view = $state<View>("overview");
  focus = $state<Focus | null>(null);
  error = $state<ApiError | null>(null);
  notice = $state<string | null>(null);
  /** Commands in flight; the header shows "Saving…" while a mutation runs. */
  saving = $state(0);
  /** The last action that opened or closed a file, so buttons can show progress. */
  busy = $state<string | null>(null);
  /** Counts the projects opened (or restored in place): the screens start afresh on each. */
  session = $state(0);
  /** Counts the changes made outside the screens (an undone deletion): screens that read their own data read it again. */
  revision = $state(0);

  /**
   * Set by a screen with unsaved work: `false` holds a navigation or a close while the screen asks
   * what to do with the work, and it calls `proceed` once that is answered.
   */
  leaveGuard: ((proceed: () => void) => boolean) | null = null;

  #focusSeq = 0;
  #noticeTimer: ReturnType<typeof setTimeout> | null = null;

  /** Reads what the window needs first; `null` when even that failed (the banner says why). */
  async start(): Promise<api.StartInfo | null> {
    try {
      const info = await api.appStart();
      this.today = info.today || this.today;
      this.recent = info.recent;
      // Why the file the app was launched on did not open: said once, on the start screen.
      if (info.launch_error) this.error = { code: null, message: info.launch_error };
      if (info.project) {
        this.project = info.project;
        await this.reload();
      }
      return info;
    } catch (raw) {
      this.showError(raw);
      return null;
    } finally {
      this.ready = true;
    }
  }

  showError(raw: unknown): void {
    this.error = api.toApiError(raw);
  }

  dismissError(): void {
    this.error = null;
  }

  showNotice(text: string): void {
    this.notice = text;
    if (this.#noticeTimer) clearTimeout(this.#noticeTimer);
    this.#noticeTimer = setTimeout(() => {
      this.notice = null;
      this.#noticeTimer = null;
    }, 6000);
  }

  dismissNotice(): void {
    this.notice = null;
    if (this.#noticeTimer) clearTimeout(this.#noticeTimer);
    this.#noticeTimer = null;
  }

  /** Re-reads the whole plan; called after every successful change. */
  async reload(): Promise<void> {
    const plan = await api.getPlan();
    this.plan = plan;
    if (plan.today) this.today = plan.today;
  }

  /**
   * Opens a project through `open` (a dialog, a recent file, the demo). A `null` answer means the
   * user cancelled a dialog: nothing changes.
   */
  async openWith(label: string, open: () => Promise<ProjectInfo | null>): Promise<boolean> {
    this.error = null;
    this.busy = label;
    try {
      const info = await open();
      if (!info) return false;
      await this.reopened(info, "overview");
      return true;
    } catch (raw) {
      this.showError(raw);
      this.project = null;
      this.plan = null;
      // A failed open may have changed the list (e.g. a file that went missing).
      try {
        this.recent = await api.listRecent();
      } catch {
        /* keep the list we have */
      }
      return false;
    } finally {
      this.busy = null;
    }
  }

  /**
   * Shows a project the backend opened (a file handed over by a second start of the app, a backup
   * restored in place): every screen reads it afresh, on `view` (the current one if not given).
   */
  async reopened(info: ProjectInfo, view: View = this.view): Promise<void> {
    this.project = info;
    this.view = view;
    this.focus = null;
    this.session += 1;
    await this.reload();
  }

  /** Tells the screens that read their own data that the project changed under them. */
  changed(): void {
    this.revision += 1;
  }

  /** Runs `proceed` now, or once the screen with unsaved work has asked what to do with it. */
  leave(proceed: () => void): void {
    if (this.leaveGuard && !this.leaveGuard(proceed)) return;
    proceed();
  }

  async close(): Promise<void> {
    if (this.leaveGuard && !this.leaveGuard(() => void this.close())) return;
    this.error = null;
    this.busy = "close";
    try {
      this.recent = await api.closeProject();
      this.project = null;
      this.plan = null;
      this.focus = null;
      this.view = "overview";
    } catch (raw) {
      this.showError(raw);
    } finally {
      this.busy = null;
    }
  }

  async forget(path: string): Promise<void> {
    this.error = null;
    try {
      this.recent = await api.forgetRecent(path);
    } catch (raw) {
      this.showError(raw);
    }
  }

  /**
   * Runs one change against the project, then reloads the plan. Errors go to the banner (unless
   * `quiet`: the caller shows them beside its form) and are returned so a form can stay open.
   */
  async mutate<T>(change: () => Promise<T>, quiet = false): Promise<Outcome<T>> {
    this.error = null;
    this.saving += 1;
    try {
      const value = await change();
      try {
        await this.reload();
      } catch (raw) {
        this.showError(raw);
      }
      return { ok: true, value };
    } catch (raw) {
      const error = api.toApiError(raw);
      if (!quiet) this.error = error;
      return { ok: false, error };
    } finally {
      this.saving -= 1;
    }
  }

  navigate(view: View): void {
    if (view !== this.view && this.leaveGuard && !this.leaveGuard(() => this.navigate(view))) return;
    if (view !== this.view) this.error = null;
    this.view = view;
    this.focus = null;
  }

  focusMilestones(ids: number[]): void {
    this.view = "workplan";
    this.focus = { target: "milestones", ids, seq: ++this.#focusSeq };
  }

  focusTeam(ids: number[]): void {
    this.view = "profile";
    this.focus = { target: "team", ids, seq: ++this.#focusSeq };
  }

  /** Opens the Meetings screen with one meeting selected. */
  focusVirtualMeeting(id: number): void {
    this.view = "meetings";
    this.focus = { target: "virtual-meeting", id, seq: ++this.#focusSeq };
  }

  /** Opens the Dissemination screen on its Outreach tab. */
  focusOutreach(): void {
    this.view = "dissemination";
    this.focus = { target: "outreach", seq: ++this.#focusSeq };
  }

  focusMeeting(): void {
    this.view = "profile";
    this.focus = { target: "meeting", seq: ++this.#focusSeq };
  }
}

export const app = new AppState();
