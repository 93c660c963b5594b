// What every real-window journey needs: launching the app through tauri-driver, finding elements
// by data-testid, typing and clicking like a person, reading rendered text, and screenshots.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { remote } from 'webdriverio';

export const APP = process.env.BPF_DESK_APP;
export const PORT = Number(process.env.BPF_E2E_PORT ?? 4444);
export const SHOTS = process.env.BPF_E2E_SCREENSHOTS;
export const SAVE_DIR = process.env.BPF_DESK_SAVE_DIR;

/** How long a wait for the window may take before the journey fails. */
const WAIT = 15000;

export async function launch(args = []) {
  const open = () =>
    remote({
      hostname: '127.0.0.1',
      port: PORT,
      logLevel: 'error',
      connectionRetryCount: 1,
      // Only tauri:options: WebKitWebDriver refuses a browserName.
      capabilities: { 'tauri:options': { application: APP, args } },
    });
  try {
    return await open();
  } catch (e) {
    // WebKitWebDriver occasionally fails to start the app's GTK window right after the previous
    // one closed; a second launch is a new process, so the journey itself is not retried.
    console.error(`launch failed once (${e.message}); launching again`);
    await new Promise((r) => setTimeout(r, 1500));
    return open();
  }
}

export const sel = (id) => `[data-testid="${id}"]`;

/** Sets an input's value the way a person's typing ends up, then tells Svelte. */
export async function fill(b, id, value) {
  return fillCss(b, sel(id), value);
}

/** `fill` for the input found by a CSS selector (one of several alike, inside a given row). */
export async function fillCss(b, css, value) {
  const el = await b.$(css);
  await el.waitForDisplayed({ timeout: WAIT });
  await b.execute(
    (s, v) => {
      const input = document.querySelector(s);
      const proto = input instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype
        : input instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, 'value').set.call(input, v);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    css,
    String(value),
  );
}

/** Clicks the element `css` once it can be clicked. */
export async function clickCss(b, css) {
  const el = await b.$(css);
  await el.waitForClickable({ timeout: WAIT });
  await el.click();
}

/** Waits until no element has this data-testid. */
export async function gone(b, id) {
  await b
    .waitUntil(async () => !(await b.execute((s) => document.querySelector(s) !== null, sel(id))), { timeout: WAIT })
    .catch(() => assert.fail(`${id} is still there`));
}

/** The trimmed texts of the elements with this data-testid. */
export async function texts(b, id) {
  return b.execute((s) => [...document.querySelectorAll(s)].map((r) => (r.innerText ?? r.textContent ?? '').trim()), sel(id));
}

export async function click(b, id) {
  const el = await b.$(sel(id));
  await el.waitForClickable({ timeout: WAIT });
  await el.click();
}

/** The element's rendered text (WebKitWebDriver's getText answers "" for ellipsised headings). */
export async function textOf(b, id) {
  const el = await b.$(sel(id));
  await el.waitForDisplayed({ timeout: WAIT });
  return b.execute((s) => (document.querySelector(s)?.innerText ?? '').trim(), sel(id));
}

export async function waitText(b, id, expected, timeout = WAIT) {
  let last = '';
  await b
    .waitUntil(async () => (last = await textOf(b, id)).includes(expected), { timeout })
    .catch(() => assert.fail(`${id} never showed "${expected}" (last showed "${last}")`));
}

/** Scrolls the element with data-testid `id` (if given) to the top, waits for two animation
 *  frames so that the screenshot shows the current frame, and saves it. */
export async function shot(b, name, id = null) {
  if (id) {
    await b.execute((s) => document.querySelector(s)?.scrollIntoView({ block: 'start' }), sel(id));
  }
  await b.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  await b.saveScreenshot(join(SHOTS, `${name}.png`));
}
