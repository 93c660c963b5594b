// Real-window journeys: the built BPF Desk app, driven through tauri-driver + WebKitWebDriver
// under Xvfb (tests/e2e/run.sh starts both). Screenshots go to target/e2e-screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { SAVE_DIR, SHOTS, click, fill, launch, sel, shot, textOf, waitText } from './driver.mjs';

async function warningCodes(b) {
  return b.execute(() => [...document.querySelectorAll('[data-testid="warning"]')].map((w) => w.dataset.code));
}

async function warningText(b, code) {
  return b.execute((c) => document.querySelector(`[data-testid="warning"][data-code="${c}"]`)?.textContent ?? '', code);
}

async function rowTexts(b) {
  return b.execute(() => [...document.querySelectorAll('[data-testid="milestone-row"]')].map((r) => r.textContent));
}

/** The trimmed texts of the rows with this data-testid. */
async function texts(b, id) {
  return b.execute((s) => [...document.querySelectorAll(s)].map((r) => r.textContent.trim()), sel(id));
}

async function waitRows(b, id, check, what) {
  let last = [];
  await b
    .waitUntil(async () => check((last = await texts(b, id))), { timeout: 10000 })
    .catch(() => assert.fail(`${id}: ${what} (rows: ${JSON.stringify(last)})`));
}

/** What has the keyboard focus: its data-testid, aria-label or text. */
async function focused(b) {
  return b.execute(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return '';
    const label = e.closest('label')?.querySelector('.label')?.textContent.trim();
    return e.getAttribute('data-testid') || e.getAttribute('aria-label') || label || e.textContent.trim();
  });
}

async function waitFocus(b, expected) {
  let last = '';
  await b
    .waitUntil(async () => (last = await focused(b)) === expected, { timeout: 10000 })
    .catch(() => assert.fail(`focus never reached "${expected}" (it is on "${last}")`));
}

async function press(b, key) {
  await b.keys([key]);
}

async function clickLabel(b, label) {
  const el = await b.$(`button[aria-label="${label}"]`);
  await el.waitForClickable({ timeout: 10000 });
  await el.click();
}

/** The edit and delete buttons of the rows with this data-testid: label, disabled, tooltip. */
async function rowButtons(b, id) {
  return b.execute(
    (s) => [...document.querySelectorAll(`${s} .row-actions button`)].map((e) => ({ label: e.getAttribute('aria-label'), disabled: e.disabled, title: e.title })),
    sel(id),
  );
}

/** While a row is open, every other row's edit and delete button is disabled and says why. */
async function assertOthersWait(b, id, why) {
  const buttons = await rowButtons(b, id);
  assert.ok(buttons.length >= 2, `${id}: no other rows' buttons found`);
  for (const button of buttons) {
    assert.equal(button.disabled, true, `${button.label} is enabled while a row is open`);
    assert.match(button.title, why, `${button.label}: its tooltip`);
  }
}

/** ... and enabled again once it is closed. */
async function waitOthersEnabled(b, id) {
  let last = [];
  await b
    .waitUntil(async () => (last = await rowButtons(b, id)).length > 0 && last.every((e) => !e.disabled), { timeout: 10000 })
    .catch(() => assert.fail(`${id}: the rows' buttons stayed disabled (${JSON.stringify(last)})`));
  assert.ok(last.every((e) => e.title === 'Edit' || e.title === 'Delete'), JSON.stringify(last));
}

/** The label of the edit button of the row after the one with this delete button (or before it, when it is the last). */
async function neighbourEdit(b, id, deleteLabel) {
  return b.execute(
    (s, d) => {
      const rows = [...document.querySelectorAll(s)];
      const at = rows.findIndex((r) => r.querySelector(`button[aria-label="${d}"]`));
      if (at < 0) return { label: '', last: false };
      const n = rows[at + 1] ?? rows[at - 1];
      return { label: n?.querySelector('.edit-btn')?.getAttribute('aria-label') ?? '', last: at === rows.length - 1 };
    },
    sel(id),
    deleteLabel,
  );
}

/** The text of the confirm bar that is open. */
async function confirmText(b) {
  const bar = await b.$('.confirm-bar');
  await bar.waitForDisplayed({ timeout: 10000 });
  return b.execute(() => document.querySelector('.confirm-bar')?.innerText.trim() ?? '');
}

test('plan a BPF year in the real window, quit, relaunch and find it all again', async () => {
  let b = await launch();
  try {
    await (await b.$(sel('new-bpf'))).waitForDisplayed({ timeout: 20000 });
    await shot(b, '01-start-screen');

    await click(b, 'new-bpf');
    await fill(b, 'new-title', 'BPF on Cybersecurity');
    await fill(b, 'new-year', '2026');
    await fill(b, 'new-meeting-start', '2026-12-01');
    await fill(b, 'new-meeting-end', '2026-12-04');
    await fill(b, 'new-meeting-zone', 'Europe/Berlin');
    await fill(b, 'new-meeting-place', 'Berlin, Germany');
    await click(b, 'create-bpf');
    await waitText(b, 'project-title', 'BPF on Cybersecurity');
    // 1 December minus six weeks.
    await waitText(b, 'draft-deadline', '20 October 2026');

    // A meeting that ends before it starts is refused with the backend's own sentence.
    await click(b, 'nav-profile');
    await fill(b, 'meeting-start', '2026-11-09');
    await fill(b, 'meeting-end', '2026-11-05');
    await click(b, 'save-meeting');
    await waitText(b, 'error', 'the annual meeting ends (2026-11-05) before it starts (2026-11-09)');

    // Set the meeting to 9–13 November 2026: the derived dates move.
    await fill(b, 'meeting-end', '2026-11-13');
    await fill(b, 'meeting-zone', 'Europe/Berlin');
    await click(b, 'save-meeting');
    await b.waitUntil(async () => !(await (await b.$(sel('error'))).isDisplayed().catch(() => false)), {
      timeout: 10000,
      timeoutMsg: 'the error banner stayed after a valid save',
    }).catch(() => {});
    await shot(b, '02-profile');

    await click(b, 'nav-overview');
    await waitText(b, 'draft-deadline', '28 September 2026');

    // A milestone on 10 August raises the July/August warning.
    await click(b, 'nav-workplan');
    await fill(b, 'add-milestone-title', 'Research paper');
    await fill(b, 'add-milestone-date', '2026-08-10');
    await fill(b, 'add-milestone-owner', 'Ana Ruiz');
    await click(b, 'add-milestone-submit');
    await b.waitUntil(async () => (await rowTexts(b)).some((t) => t.includes('Research paper')), {
      timeout: 10000,
      timeoutMsg: 'the new milestone never appeared in the table',
    });
    await shot(b, '03-work-plan');

    await click(b, 'nav-overview');
    await b.waitUntil(async () => (await warningCodes(b)).includes('SUMMER_DATE'), {
      timeout: 10000,
      timeoutMsg: 'no SUMMER_DATE warning',
    });
    assert.match(await warningText(b, 'SUMMER_DATE'), /Research paper/);
    await shot(b, '04-overview');
  } finally {
    await b.deleteSession().catch(() => {});
  }

  const files = readdirSync(SAVE_DIR).filter((f) => f.endsWith('.bpfdesk'));
  assert.equal(files.length, 1, `one project file in ${SAVE_DIR}: ${files}`);

  // Relaunch: the project is in the recent files, with everything in it.
  b = await launch();
  try {
    const recent = await b.$(`${sel('recent-item')}*=BPF on Cybersecurity`);
    await recent.waitForDisplayed({ timeout: 20000 });
    await shot(b, '05-start-screen-recent');
    await recent.click();
    await waitText(b, 'project-title', 'BPF on Cybersecurity');
    await waitText(b, 'draft-deadline', '28 September 2026');
    assert.ok((await warningCodes(b)).includes('SUMMER_DATE'));
    await click(b, 'nav-workplan');
    await b.waitUntil(async () => (await rowTexts(b)).some((t) => t.includes('Research paper')), {
      timeout: 10000,
      timeoutMsg: 'the milestone did not survive the restart',
    });
    await click(b, 'nav-profile');
    const start = await (await b.$(sel('meeting-start'))).getValue();
    assert.equal(start, '2026-11-09');
  } finally {
    await b.deleteSession().catch(() => {});
  }
});

test('the run command opens the demo BPF with its full cycle', async () => {
  const b = await launch(['--demo']);
  try {
    await waitText(b, 'project-title', 'Best Practice Forum on Cybersecurity');
    await waitText(b, 'draft-deadline', '21 September 2020');
    await shot(b, '06-demo-overview');
    await click(b, 'nav-workplan');
    await b.waitUntil(async () => (await rowTexts(b)).length === 14, {
      timeout: 10000,
      timeoutMsg: 'the demo has 14 milestones',
    });
    const timeline = await b.$(sel('timeline'));
    assert.ok(await timeline.isDisplayed());
    await shot(b, '07-demo-work-plan');
    await click(b, 'nav-profile');
    await shot(b, '08-demo-profile');
    assert.ok(existsSync(SHOTS));
  } finally {
    await b.deleteSession().catch(() => {});
  }
});

test('rows edit in place and delete through a confirm bar, by mouse and keyboard', async () => {
  const b = await launch(['--demo']);
  try {
    await waitText(b, 'project-title', 'Best Practice Forum on Cybersecurity');

    // The coordinating team: add with Enter, edit and cancel with Escape, save, delete.
    await click(b, 'nav-profile');
    await waitRows(b, 'member-row', (r) => r.length === 7, 'the demo has 7 members');
    await click(b, 'add-member');
    await waitFocus(b, 'member-name');
    await fill(b, 'member-name', '  Ana Ruiz ');
    await fill(b, 'member-role', 'co_facilitator');
    await shot(b, '09-team-new-row');
    await press(b, 'Enter');
    await waitRows(b, 'member-row', (r) => r.length === 8 && r.some((t) => t.startsWith('Ana Ruiz')), 'Ana Ruiz added');
    await waitFocus(b, 'add-member');
    assert.ok((await texts(b, 'member-row')).some((t) => t.includes('Co-facilitator') && t.startsWith('Ana Ruiz')));

    await clickLabel(b, 'Edit Ana Ruiz');
    await waitFocus(b, 'member-name');
    // While one member is edited, the other rows' edit and delete buttons wait.
    await assertOthersWait(b, 'member-row', /being edited/);
    await fill(b, 'member-name', 'Ana María Ruiz');
    await shot(b, '09-team-edit-row');
    await press(b, 'Escape');
    await waitFocus(b, 'Edit Ana Ruiz');
    await waitOthersEnabled(b, 'member-row');
    assert.ok(!(await texts(b, 'member-row')).some((t) => t.includes('Ana María')), 'Escape kept the old name');

    await clickLabel(b, 'Edit Ana Ruiz');
    await fill(b, 'member-name', 'Ana María Ruiz');
    await click(b, 'save-member');
    await waitRows(b, 'member-row', (r) => r.some((t) => t.startsWith('Ana María Ruiz')), 'the new name saved');
    await waitFocus(b, 'Edit Ana María Ruiz');

    // An empty name is refused and the field is marked.
    await clickLabel(b, 'Edit Ana María Ruiz');
    await fill(b, 'member-name', '   ');
    await press(b, 'Enter');
    await b.waitUntil(async () => (await (await b.$(sel('member-name'))).getAttribute('aria-invalid')) === 'true', {
      timeout: 10000,
      timeoutMsg: 'an empty name was not marked invalid',
    });
    await press(b, 'Escape');
    await waitFocus(b, 'Edit Ana María Ruiz');

    await clickLabel(b, 'Delete Ana María Ruiz');
    assert.match(await confirmText(b), /^Remove Ana María Ruiz from the coordinating team\?\s+Cancel\s+Remove member$/);
    await waitFocus(b, 'Cancel');
    await assertOthersWait(b, 'member-row', /being deleted/);
    await shot(b, '10-team-confirm');
    await press(b, 'Escape');
    await waitFocus(b, 'Delete Ana María Ruiz');
    await waitOthersEnabled(b, 'member-row');
    await waitRows(b, 'member-row', (r) => r.length === 8, 'Escape kept the member');
    // After a deletion the focus goes to the neighbouring row's first button.
    const afterAna = await neighbourEdit(b, 'member-row', 'Delete Ana María Ruiz');
    assert.match(afterAna.label, /^Edit (?!Ana)/);
    await clickLabel(b, 'Delete Ana María Ruiz');
    await click(b, 'confirm-delete');
    await waitRows(b, 'member-row', (r) => r.length === 7 && !r.some((t) => t.includes('Ana')), 'Ana María Ruiz deleted');
    await waitFocus(b, afterAna.label);

    // Workstreams, on the work plan.
    await click(b, 'nav-workplan');
    await waitRows(b, 'workstream-row', (r) => r.length === 3, 'the demo has 3 workstreams');
    const addWs = await b.$('button*=Add workstream');
    await addWs.waitForClickable({ timeout: 10000 });
    await addWs.click();
    await waitFocus(b, 'ws-name');
    await fill(b, 'ws-name', 'Workstream 4');
    await shot(b, '11-workstream-new-row');
    await press(b, 'Enter');
    await waitRows(b, 'workstream-row', (r) => r.length === 4 && r.some((t) => t.startsWith('Workstream 4')), 'Workstream 4 added');
    await waitFocus(b, 'Add workstream');

    await clickLabel(b, 'Edit Workstream 1');
    await waitFocus(b, 'ws-name');
    await assertOthersWait(b, 'workstream-row', /being edited/);
    await fill(b, 'ws-name', 'Workstream 1: agreements');
    await click(b, 'save-workstream');
    await waitRows(b, 'workstream-row', (r) => r.some((t) => t.startsWith('Workstream 1: agreements')), 'the workstream renamed');
    await waitFocus(b, 'Edit Workstream 1: agreements');

    // The confirm bar says how many milestones a workstream carries.
    await clickLabel(b, 'Delete Workstream 2');
    assert.match(await confirmText(b), /^Delete “Workstream 2”\? \d+ milestones? (is|are) assigned to it\./);
    await waitFocus(b, 'Cancel');
    await shot(b, '12-workstream-confirm');
    await press(b, 'Escape');
    await waitFocus(b, 'Delete Workstream 2');

    // The last row deleted: the focus goes to the row before it.
    const beforeWs4 = await neighbourEdit(b, 'workstream-row', 'Delete Workstream 4');
    assert.ok(beforeWs4.last, 'Workstream 4 is the last row');
    assert.match(beforeWs4.label, /^Edit Workstream 3/);
    await clickLabel(b, 'Delete Workstream 4');
    assert.match(await confirmText(b), /^Delete “Workstream 4”\?\s+Cancel/);
    await click(b, 'confirm-delete');
    await waitRows(b, 'workstream-row', (r) => r.length === 3 && !r.some((t) => t.startsWith('Workstream 4')), 'Workstream 4 deleted');
    await waitFocus(b, beforeWs4.label);

    // Milestones: Escape leaves the editor, the confirm bar deletes.
    const first = await b.$(`${sel('milestone-row')} .edit-btn`);
    const label = await first.getAttribute('aria-label');
    await first.click();
    await waitFocus(b, 'edit-milestone-title');
    await assertOthersWait(b, 'milestone-row', /being edited/);
    await press(b, 'Escape');
    await waitFocus(b, label);
    await waitOthersEnabled(b, 'milestone-row');
    const del = await b.$(`${sel('milestone-row')} .icon-btn.danger`);
    const delLabel = await del.getAttribute('aria-label');
    const second = await neighbourEdit(b, 'milestone-row', delLabel);
    assert.ok(!second.last && second.label.startsWith('Edit ') && second.label !== label, JSON.stringify(second));
    await del.click();
    assert.match(await confirmText(b), /You can undo it afterwards/);
    await waitFocus(b, 'Cancel');
    await assertOthersWait(b, 'milestone-row', /being deleted/);
    await press(b, 'Escape');
    await waitFocus(b, delLabel);
    await del.click();
    await waitFocus(b, 'Cancel');
    await click(b, 'confirm-delete');
    await b.waitUntil(async () => (await rowTexts(b)).length === 13, {
      timeout: 10000,
      timeoutMsg: `${delLabel}: the milestone was not deleted`,
    });
    // The focus moved on to the next milestone's edit button, not to the page.
    await waitFocus(b, second.label);
  } finally {
    await b.deleteSession().catch(() => {});
  }
});

/** Scrolls the element with this data-testid to the top of the content area. */
async function scrollTo(b, id) {
  await b.execute((s) => document.querySelector(s)?.scrollIntoView({ block: 'start' }), sel(id));
}

/** The local start a UTC instant has in a zone, as a datetime-local value ("YYYY-MM-DDTHH:MM"). */
function localInZone(instant, zone) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

test('meetings in the real window', async () => {
  const b = await launch(['--demo']);
  try {
    await waitText(b, 'project-title', 'Best Practice Forum on Cybersecurity');
    await click(b, 'nav-meetings');
    await (await b.$(sel('slot-finder'))).waitForDisplayed({ timeout: 10000 });
    assert.match(await textOf(b, 'slot-finder'), /Add places first/);
    await shot(b, '19-meetings-empty');

    // The only place deleted: the table is empty and the focus goes to its add button.
    await click(b, 'add-place');
    await waitFocus(b, 'place-name');
    await fill(b, 'place-name', 'Nowhere');
    await fill(b, 'place-zone', 'Europe/Zurich');
    await click(b, 'save-place');
    await waitRows(b, 'place-row', (r) => r.length === 1, 'Nowhere added');
    await clickLabel(b, 'Delete Nowhere');
    await waitFocus(b, 'Cancel');
    await click(b, 'confirm-delete');
    await waitRows(b, 'place-row', (r) => r.length === 0, 'Nowhere deleted');
    await waitFocus(b, 'add-place');

    // Three places, each added with the save button.
    const places = [
      ['Geneva', 'Europe/Zurich', 10],
      ['New York', 'America/New_York', 5],
      ['Apia', 'Pacific/Apia', 2],
    ];
    for (const [i, [name, zone, people]] of places.entries()) {
      await click(b, 'add-place');
      await waitFocus(b, 'place-name');
      await fill(b, 'place-name', name);
      await fill(b, 'place-zone', zone);
      await fill(b, 'place-participants', people);
      await click(b, 'save-place');
      await waitRows(b, 'place-row', (r) => r.length === i + 1 && r.some((t) => t.startsWith(name)), `${name} added`);
    }
    await waitText(b, 'places-total', '17 participants');

    // A DST-repeated local time is refused with the backend's sentence.
    await click(b, 'add-meeting');
    await waitFocus(b, 'meeting-title');
    await fill(b, 'meeting-title', 'First open virtual meeting');
    await fill(b, 'meeting-start', '2020-10-25T02:30');
    await fill(b, 'meeting-zone', 'Europe/Zurich');
    await fill(b, 'meeting-minutes', 90);
    await click(b, 'save-meeting-form');
    await waitText(b, 'error', '2020-10-25T02:30 happens twice in Europe/Zurich');

    // Meeting 1: Wednesday 7 October 2020, 14:00 in Geneva, with an agenda.
    await fill(b, 'meeting-start', '2020-10-07T14:00');
    await click(b, 'add-agenda-item');
    await fill(b, 'agenda-title', 'Welcome and workstream updates');
    await fill(b, 'agenda-presenter', 'Markus Kummer');
    await fill(b, 'agenda-minutes', 70);
    await waitText(b, 'agenda-total', 'agenda 70 of 90 min');
    await shot(b, '24-meeting-form');
    await click(b, 'save-meeting-form');
    await waitRows(b, 'meeting-row', (r) => r.length === 1, 'the first meeting listed');
    // 14:00 CEST is 12:00 UTC; the list shows both, each with its zone.
    await waitText(b, 'meeting-when', 'Wed 7 Oct 2020, 14:00–15:30 CEST');
    await waitText(b, 'meeting-utc', '12:00 UTC');

    // Meeting 3 (typed): Wednesday 4 November 2020, 15:00 Geneva; the zone defaults to the last used.
    await click(b, 'add-meeting');
    await waitFocus(b, 'meeting-title');
    assert.equal(await (await b.$(sel('meeting-zone'))).getValue(), 'Europe/Zurich');
    await fill(b, 'meeting-title', 'Third open virtual meeting');
    await fill(b, 'meeting-start', '2020-11-04T15:00');
    await fill(b, 'meeting-minutes', 60);
    await press(b, 'Enter');
    await waitRows(b, 'meeting-row', (r) => r.length === 2, 'the third meeting listed');

    // Meeting 2 from the fair-slot finder, in the fortnight of 12–23 October 2020.
    await scrollTo(b, 'slot-finder');
    await fill(b, 'slot-from', '2020-10-12');
    await fill(b, 'slot-to', '2020-10-23');
    await fill(b, 'slot-minutes', 60);
    await b.waitUntil(
      async () => (await b.execute(() => document.querySelector('[data-testid="slot-row"]')?.dataset.start ?? '')).startsWith('2020-10-'),
      { timeout: 10000, timeoutMsg: 'the finder never listed a slot in October 2020' },
    );
    const slotStart = await b.execute(() => document.querySelector('[data-testid="slot-row"]').dataset.start);
    await shot(b, '22-slot-finder');
    await click(b, 'use-slot');
    await waitFocus(b, 'meeting-title');
    assert.equal(await (await b.$(sel('meeting-start'))).getValue(), localInZone(slotStart, 'Europe/Zurich'));
    assert.equal(await (await b.$(sel('meeting-minutes'))).getValue(), '60');
    await fill(b, 'meeting-title', 'Second open virtual meeting');
    await fill(b, 'meeting-url', 'https://meet.example.org/bpf-cyber-2');
    await click(b, 'save-meeting-form');
    await waitRows(b, 'meeting-row', (r) => r.length === 3, 'three meetings listed');
    // A series of 3 rotates the inconvenience: three slots, in time order.
    await fill(b, 'slot-series', 3);
    await b.waitUntil(
      async () => {
        const starts = await b.execute(() => [...document.querySelectorAll('[data-testid="slot-row"]')].map((r) => r.dataset.start));
        return starts.length === 3 && starts.every((s, i) => i === 0 || s > starts[i - 1]);
      },
      { timeout: 10000, timeoutMsg: 'the finder did not plan a series of three' },
    );
    await fill(b, 'slot-series', 0);
    const order = await texts(b, 'meeting-row');
    assert.ok(order[0].startsWith('First') && order[1].startsWith('Second') && order[2].startsWith('Third'), `start order: ${order}`);
    await scrollTo(b, 'add-meeting');
    await shot(b, '20-meetings');

    // Local times of the first meeting. By hand: 7 Oct 2020 14:00 CEST (UTC+2) = 12:00 UTC;
    // New York (EDT, UTC−4) 08:00–09:30 the same day, early (07:00–09:00 is "early"); Apia kept summer time in
    // 2020 (UTC+14 from 27 Sep), so 12:00 UTC is 02:00–03:30 on Thursday 8 October: night, +1 day.
    const first = await b.$("button*=First open virtual meeting");
    await first.click();
    await b.waitUntil(async () => (await texts(b, 'local-time-row')).length === 3, {
      timeout: 10000,
      timeoutMsg: 'the local-times table never showed three places',
    });
    const rowsData = await b.execute(() =>
      [...document.querySelectorAll('[data-testid="local-time-row"]')].map((r) => ({
        place: r.dataset.place, part: r.dataset.part, shift: r.dataset.dayShift, text: r.innerText.replace(/\s+/g, ' '),
      })),
    );
    const row = (name) => rowsData.find((r) => r.place === name);
    assert.equal(row('Apia').part, 'night', JSON.stringify(row('Apia')));
    assert.equal(row('Apia').shift, '1');
    assert.match(row('Apia').text, /Thu 8 Oct 2020 \+1 day 02:00–03:30 \+14 UTC\+14:00 Night/);
    assert.equal(row('New York').part, 'early');
    assert.equal(row('New York').shift, '0');
    assert.match(row('New York').text, /Wed 7 Oct 2020 08:00–09:30 EDT/);
    assert.equal(row('Geneva').part, 'working');
    assert.match(row('Geneva').text, /14:00–15:30 CEST/);
    await scrollTo(b, 'local-times');
    await shot(b, '21-local-times');

    // Mark the first meeting held.
    await b.execute(() => {
      const select = document.querySelector('[data-testid="meeting-row"] [data-testid="meeting-status"]');
      select.value = 'held';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await b.waitUntil(
      async () => (await b.execute(() => document.querySelector('[data-testid="meeting-row"]').dataset.status)) === 'held',
      { timeout: 10000, timeoutMsg: 'the first meeting was not marked held' },
    );

    // The meetings on the work-plan timeline; a click leads back with the meeting selected.
    await click(b, 'nav-workplan');
    await b.waitUntil(async () => (await b.$$(sel('timeline-meeting'))).length === 3, {
      timeout: 10000,
      timeoutMsg: 'the timeline does not show three meeting markers',
    });
    const tip = await (await b.$(sel('timeline-meeting'))).getAttribute('title');
    assert.match(tip, /^First open virtual meeting\nWed 7 Oct 2020, 14:00–15:30 CEST \(12:00 UTC\)\nHeld$/);
    await shot(b, '23-timeline-meetings');
    const markers = await b.$$(sel('timeline-meeting'));
    await markers[2].click();
    await b.waitUntil(
      async () => (await b.execute(() => document.querySelector('[data-testid="meeting-row"].selected')?.textContent ?? '')).includes('Third'),
      { timeout: 10000, timeoutMsg: 'the timeline marker did not select the third meeting' },
    );

    // Editing shows the stored start again as the organiser's wall-clock time; Escape closes.
    await click(b, 'nav-meetings');
    await clickLabel(b, 'Edit First open virtual meeting');
    await waitFocus(b, 'meeting-title');
    assert.equal(await (await b.$(sel('meeting-start'))).getValue(), '2020-10-07T14:00');
    await press(b, 'Escape');
    await waitFocus(b, 'Edit First open virtual meeting');

    // A meeting in July raises a warning that leads back here with the meeting selected.
    await click(b, 'add-meeting');
    await waitFocus(b, 'meeting-title');
    await fill(b, 'meeting-title', 'Summer check-in');
    await fill(b, 'meeting-start', '2020-07-15T15:00');
    await press(b, 'Enter');
    await waitRows(b, 'meeting-row', (r) => r.length === 4, 'four meetings listed');
    await click(b, 'nav-overview');
    const warning = await b.$('[data-testid="warning"]*=Summer check-in');
    await warning.waitForDisplayed({ timeout: 10000 });
    await (await warning.$('button')).click();
    await b.waitUntil(
      async () => (await b.execute(() => document.querySelector('[data-testid="meeting-row"].selected')?.textContent ?? '')).includes('Summer check-in'),
      { timeout: 10000, timeoutMsg: 'the warning did not lead to the July meeting' },
    );
  } catch (e) {
    await shot(b, '29-meetings-failure').catch(() => {});
    console.error(await b.execute(() => document.querySelector('[data-testid="error"]')?.innerText ?? '(no error banner)').catch(() => ''));
    throw e;
  } finally {
    await b.deleteSession().catch(() => {});
  }
});

/** In the demo BPF: a place (Geneva) and a 90-minute meeting on 7 October 2020 at 14:00 there, selected. */
async function meetingWithRecord(b, title) {
  await waitText(b, 'project-title', 'Best Practice Forum on Cybersecurity');
  await click(b, 'nav-meetings');
  await click(b, 'add-place');
  await waitFocus(b, 'place-name');
  await fill(b, 'place-name', 'Geneva');
  await fill(b, 'place-zone', 'Europe/Zurich');
  await fill(b, 'place-participants', 10);
  await click(b, 'save-place');
  await waitRows(b, 'place-row', (r) => r.length === 1, 'the place added');
  await click(b, 'add-meeting');
  await waitFocus(b, 'meeting-title');
  await fill(b, 'meeting-title', title);
  await fill(b, 'meeting-start', '2020-10-07T14:00');
  await fill(b, 'meeting-zone', 'Europe/Zurich');
  await fill(b, 'meeting-minutes', 90);
  await click(b, 'save-meeting-form');
  await waitRows(b, 'meeting-row', (r) => r.length === 1, 'the meeting listed');
  await (await b.$(`${sel('meeting-row')} td`)).click();
  await (await b.$(sel('meeting-record'))).waitForDisplayed({ timeout: 10000 });
}

test('a meeting record: attendance imported, announcement and summary saved', async () => {
  const b = await launch(['--demo']);
  try {
    await meetingWithRecord(b, 'Record test meeting');

    // The report the import dialog takes in this run (BPF_DESK_OPEN_FILE): a Zoom export with a
    // BOM, a repeated join and a guest.
    writeFileSync(
      process.env.BPF_DESK_OPEN_FILE,
      '\ufeffName (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n' +
        'Ben Wallis,ben@example.org,10/07/2020 01:58:00 PM,10/07/2020 03:30:00 PM,92,No\r\n' +
        'Ana Ruiz,ana@example.org,10/07/2020 02:00:00 PM,10/07/2020 02:30:00 PM,30,Yes\r\n' +
        'Ana Ruiz,ana@example.org,10/07/2020 02:40:00 PM,10/07/2020 03:30:00 PM,50,Yes\r\n',
    );
    await click(b, 'import-attendance');
    await waitText(b, 'attendance-summary', '2 attended');
    assert.match(await textOf(b, 'attendance-summary'), /1 guest · 172 person-minutes/);
    await waitRows(b, 'attendee-row', (r) => r.length === 2 && r[1].includes('Ana Ruiz'), 'two attendees listed');
    await shot(b, '25-meeting-record');

    await click(b, 'meeting-eml');
    await b.waitUntil(() => readdirSync(SAVE_DIR).some((f) => f.endsWith('.eml')), { timeout: 10000 });
    const eml = readFileSync(join(SAVE_DIR, readdirSync(SAVE_DIR).find((f) => f.endsWith('.eml'))), 'utf8');
    assert.match(eml, /^Subject: /m);
    assert.match(eml, /Content-Type: text\/calendar/);
    assert.match(eml, /X-Unsent: 1/);
    // The summary editor: a skeleton, then text with a live preview rendered inert by Rust.
    await click(b, 'summary-from-agenda');
    await b.waitUntil(async () => (await (await b.$(sel('summary-text'))).getValue()).includes('## Discussion'), {
      timeout: 10000,
      timeoutMsg: 'no skeleton in the summary editor',
    });
    await fill(b, 'summary-text', '## Outcome\n\nWe agreed on **three** points. <script>alert(1)</script>');
    await b.waitUntil(
      async () =>
        b.execute(() => {
          const p = document.querySelector('[data-testid="summary-preview"]');
          return !!p?.querySelector('h2') && p.querySelector('strong')?.textContent === 'three' && !p.querySelector('script');
        }),
      { timeout: 10000, timeoutMsg: 'the preview never rendered the summary' },
    );
    assert.match(await textOf(b, 'summary-preview'), /<script>alert\(1\)<\/script>/);
    await click(b, 'save-summary');
    await b.waitUntil(async () => !(await (await b.$(sel('save-summary'))).isEnabled()), {
      timeout: 10000,
      timeoutMsg: 'the summary was not saved',
    });
    await b.execute(() => document.querySelector('[data-testid="summary-preview"]')?.scrollIntoView({ block: 'center' }));
    await shot(b, '26-meeting-summary');
    await click(b, 'meeting-summary');
    await b.waitUntil(() => readdirSync(SAVE_DIR).some((f) => f.endsWith('-summary.md')), { timeout: 10000 });
    const md = readFileSync(join(SAVE_DIR, readdirSync(SAVE_DIR).find((f) => f.endsWith('-summary.md'))), 'utf8');
    assert.match(md, /- \*\*Attendance:\*\* 2 participants/);
    assert.match(md, /# Summary\n\n## Outcome\n\nWe agreed on \*\*three\*\* points/);
  } finally {
    await b.deleteSession().catch(() => {});
  }
});

/**
 * Registers a stand-in mail program under this run's XDG folders (run.sh sets them): a desktop
 * file for e-mail (message/rfc822, and text/plain, which `file` says for an .eml when xdg-open
 * types by content) and a script that appends each path it is given to a file. Returns that file.
 */
function registerMailProgram() {
  const data = process.env.XDG_DATA_HOME;
  const config = process.env.XDG_CONFIG_HOME;
  assert.ok(data && config, 'run.sh sets XDG_DATA_HOME and XDG_CONFIG_HOME');
  const bin = join(data, 'e2e-bin');
  for (const dir of [bin, join(data, 'applications'), config]) mkdirSync(dir, { recursive: true });
  const received = join(data, 'mail-program-received.txt');
  const script = join(bin, 'e2e-mail-program');
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${received}'\n`, { mode: 0o755 });
  writeFileSync(
    join(data, 'applications', 'bpf-e2e-mail.desktop'),
    `[Desktop Entry]\nType=Application\nName=E2E mail program\nExec=${script} %f\nMimeType=message/rfc822;text/plain;\nNoDisplay=true\n`,
  );
  writeFileSync(
    join(config, 'mimeapps.list'),
    '[Default Applications]\nmessage/rfc822=bpf-e2e-mail.desktop\ntext/plain=bpf-e2e-mail.desktop\n',
  );
  return received;
}

test('attendance from any CSV through the column-mapping step; the announcement opened in the mail program', async () => {
  const received = registerMailProgram();
  const b = await launch(['--demo']);
  try {
    await meetingWithRecord(b, 'Mapping test meeting');
    const header = 'Participant,Mail,Arrived,Departed,Minutes\r\n';

    // An empty file is refused in the record, before any mapping.
    writeFileSync(process.env.BPF_DESK_OPEN_FILE, '');
    await click(b, 'import-attendance');
    await waitText(b, 'import-error', 'The report was not imported. The file is empty. Nothing was changed.');

    // Not Zoom's report: the mapping step opens with the columns proposed from the header.
    writeFileSync(
      process.env.BPF_DESK_OPEN_FILE,
      header +
        'Ana Ruiz,ana@example.org,2020-10-07 14:00,2020-10-07 15:30,90\r\n' +
        'Ben Wallis,ben@example.org,2020-10-07 14:05,yesterday,85\r\n',
    );
    await click(b, 'import-attendance');
    await (await b.$(sel('column-mapping'))).waitForDisplayed({ timeout: 10000 });
    assert.match(await textOf(b, 'column-mapping'), /Match the columns of attendance\.csv/);
    const chosen = () =>
      b.execute(() => Object.fromEntries([...document.querySelectorAll('[data-testid^="map-"]')].map((s) => [s.dataset.field, s.value])));
    assert.deepEqual(await chosen(), { name: '0', email: '1', join: '2', leave: '3', guest: '' });
    assert.ok(!(await (await b.$(sel('import-error'))).isExisting()), 'the earlier refusal was cleared');
    // A column chosen twice is named at once; a required field left out when importing.
    await fill(b, 'map-leave', '2');
    await waitText(b, 'mapping-problem', '“Arrived” is already the join time column: choose another.');
    await fill(b, 'map-name', '');
    await click(b, 'mapping-import');
    await waitRows(
      b,
      'mapping-problem',
      (r) => r.length === 2 && r[0] === "Choose the column with each person's name." && r[1].startsWith('“Arrived” is already'),
      'both problems named',
    );
    assert.equal(await (await b.$(sel('map-name'))).getAttribute('aria-invalid'), 'true');
    await waitFocus(b, 'map-name');
    await shot(b, '28-column-mapping-checks');
    await fill(b, 'map-name', '0');
    await fill(b, 'map-leave', '');
    await click(b, 'mapping-import');
    await waitText(b, 'mapping-problem', 'Choose the column with the time each person left.');
    await fill(b, 'map-leave', '3');
    // The malformed row is refused with its line and reason, and nothing is imported.
    await click(b, 'mapping-import');
    await waitText(b, 'mapping-error', 'The report was not imported. Line 3: "yesterday" is not a time');
    assert.equal((await texts(b, 'attendee-row')).length, 0);
    await shot(b, '29-column-mapping-refused');
    await click(b, 'mapping-cancel');
    await b.waitUntil(async () => !(await (await b.$(sel('column-mapping'))).isExisting()), {
      timeout: 10000,
      timeoutMsg: 'Cancel did not close the mapping step',
    });

    // The corrected file goes through.
    writeFileSync(
      process.env.BPF_DESK_OPEN_FILE,
      header +
        'Ana Ruiz,ana@example.org,2020-10-07 14:00,2020-10-07 15:30,90\r\n' +
        'Ben Wallis,ben@example.org,2020-10-07 14:05,2020-10-07 15:30,85\r\n' +
        '"Kumar, Sheetal",,2020-10-07 14:10,2020-10-07 14:40,30\r\n' +
        'Ana Ruiz,ANA@example.org,2020-10-07 15:00,2020-10-07 15:35,35\r\n',
    );
    await click(b, 'import-attendance');
    await (await b.$(sel('column-mapping'))).waitForDisplayed({ timeout: 10000 });
    await waitRows(b, 'mapping-row', (r) => r.length === 4 && r[2].startsWith('Kumar, Sheetal'), 'the preview lists four rows');
    assert.match(await textOf(b, 'mapping-import'), /Import 4 rows/);
    await shot(b, '27-column-mapping');
    await click(b, 'mapping-import');
    await waitText(b, 'attendance-summary', '3 attended');
    // Ana's two joins merge: 14:00–15:35 is 95 minutes; Ben 85, Sheetal 30.
    assert.match(await textOf(b, 'attendance-summary'), /0 guests · 210 person-minutes/);
    await waitRows(
      b,
      'attendee-row',
      (r) => r.length === 3 && r[0].startsWith('Ana Ruiz') && r[0].includes('95') && r[2].startsWith('Kumar, Sheetal'),
      'three attendees listed',
    );
    assert.ok(!(await (await b.$(sel('column-mapping'))).isExisting()), 'the mapping step closed');
    await shot(b, '30-mapped-attendance');

    // "Open in mail program": the draft lands in the app's outbox and reaches the registered program.
    await click(b, 'meeting-mail');
    let last = '';
    const reached = await b
      .waitUntil(() => (last = existsSync(received) ? readFileSync(received, 'utf8').trim() : '') !== '', { timeout: 15000 })
      .then(() => true, () => false);
    if (!reached) assert.fail(`the mail program was never started (error: ${await textOf(b, 'error').catch(() => 'none shown')})`);
    const draft = last.split('\n').pop();
    assert.equal(draft, join(process.env.XDG_DATA_HOME, 'org.bpfdesk.app', 'outbox', 'mapping-test-meeting.eml'));
    const mail = await PostalMime.parse(readFileSync(draft));
    assert.match(mail.subject, /Mapping test meeting/);
    assert.equal(mail.headers.find((h) => h.key === 'x-unsent')?.value, '1');
    assert.match(mail.text, /Mapping test meeting/);
    assert.deepEqual(mail.attachments.map((a) => a.mimeType), ['text/calendar']);
    await waitText(b, 'notice', `Announcement handed to your mail program as a draft (saved to ${draft}).`);
  } catch (e) {
    await shot(b, '39-mapping-failure').catch(() => {});
    throw e;
  } finally {
    await b.deleteSession().catch(() => {});
  }
});
