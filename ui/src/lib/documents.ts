// Documents saved through the native Save dialog (a scorecard, a proposal): the notice that says
// where the file went, or the backend's refusal in the banner.

import { app } from "./app.svelte";

/** Runs `save` (a dialog, then the file written); `null` from it means the dialog was cancelled. */
export async function saveDocument(what: string, save: () => Promise<string | null>): Promise<void> {
  app.dismissError();
  try {
    const path = await save();
    if (path) app.showNotice(`${what} saved to ${path}`);
  } catch (raw) {
    app.showError(raw);
  }
}

/** The last part of a path: the file's name. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
