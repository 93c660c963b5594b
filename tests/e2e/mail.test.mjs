// The mailing list in the real window: real pipermail archives imported through the scripted-run
// seam (tests/e2e/run.sh points BPF_DESK_OPEN_ARCHIVES and BPF_DESK_OPEN_MEMBERS into its work
// folder), progress and the report, the charts, the period and granularity, the verdict, a
// member-list snapshot and the CSV export. Screenshots go to target/e2e-screenshots/mail-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAVE_DIR, click, fill, launch, sel, shot, textOf, texts, waitText } from './driver.mjs';

const ARCHIVES = process.env.BPF_DESK_OPEN_ARCHIVES;
const MEMBERS = process.env.BPF_DESK_OPEN_MEMBERS;
// The corpus lives next to the repository (CI clones it beside `shared/`), read in place.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CORPUS = process.env.BPF_MAIL_CORPUS ?? resolve(ROOT, '../shared/mail-corpus');

/** An attribute of the element with this data-testid. */
async function attr(b, id, name) {
  return b.execute((s, n) => document.querySelector(s)?.getAttribute(n) ?? null, sel(id), name);
}

async function waitAttr(b, id, name, expected) {
  let last = null;
  await b
    .waitUntil(async () => (last = await attr(b, id, name)) === String(expected), { timeout: 15000 })
    .catch(() => assert.fail(`${id} never had ${name}="${expected}" (it had "${last}")`));
}

/** A Mailman 2 `list_members` output: one address a line. */
function members(n, prefix = 'member') {
  return Array.from({ length: n }, (_, i) => `${prefix}${i + 1}@example.org`).join('\n') + '\n';
}

test('the mailing list: real archives imported with progress, charts, period, verdict, snapshot, CSV', async () => {
  assert.ok(ARCHIVES && MEMBERS, 'run through tests/e2e/run.sh (BPF_DESK_OPEN_ARCHIVES, BPF_DESK_OPEN_MEMBERS)');
  const source = join(CORPUS, 'pipermail-twisted-web');
  assert.ok(existsSync(source), `the mail corpus is missing: ${source}`);
  // First a folder long enough to cancel: 24 links to each of the 163 months (3,912 files).
  rmSync(ARCHIVES, { force: true, recursive: true });
  mkdirSync(ARCHIVES);
  const months = readdirSync(source);
  for (let k = 1; k <= 24; k += 1) {
    for (const f of months) symlinkSync(join(source, f), join(ARCHIVES, `${String(k).padStart(2, '0')}-${f}`));
  }

  const b = await launch(['--demo']);
  try {
    await waitText(b, 'project-title', 'Best Practice Forum on Cybersecurity');
    await click(b, 'nav-mail');
    await waitText(b, 'mail-empty', 'No archive imported yet');
    await waitText(b, 'verdict-overall', 'No evidence');
    await waitText(b, 'verdict-sentence-missing', 'the sentence for a proposal appears here');
    await shot(b, 'mail-01-empty');

    // Cancel in the middle of an import: the progress shows, then the cancel, and nothing was added.
    await click(b, 'import-mail-folder');
    await waitText(b, 'mail-progress', 'Importing archives', 20000);
    assert.match(await textOf(b, 'mail-progress-text'), /^File [\d,]+ of 3,912 · [\d,]+ messages · /);
    assert.equal(await attr(b, 'import-mail-folder', 'disabled'), '');
    await shot(b, 'mail-02-progress');
    await click(b, 'cancel-mail-import');
    await waitText(b, 'mail-cancelled', 'Nothing was added', 20000);
    await waitText(b, 'mail-empty', 'No archive imported yet');
    await shot(b, 'mail-03-cancelled');

    // Now the folder of the 163 months itself.
    rmSync(ARCHIVES, { recursive: true });
    symlinkSync(source, ARCHIVES);

    // Watch the page for the progress panel while the import runs (it lasts well under a second).
    await b.execute(() => {
      window.__progress = [];
      const seen = () => {
        const t = document.querySelector('[data-testid="mail-progress-text"]')?.textContent?.replace(/\s+/g, ' ').trim();
        if (t && window.__progress[window.__progress.length - 1] !== t) window.__progress.push(t);
      };
      window.__progressObserver = new MutationObserver(seen);
      window.__progressObserver.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await click(b, 'import-mail-folder');
    await waitText(b, 'report-added', '5,371', 30000);
    const progress = await b.execute(() => {
      window.__progressObserver.disconnect();
      return window.__progress;
    });
    assert.ok(progress.length > 0, 'the progress bar never showed');
    assert.ok(progress.every((t) => / of 163 · /.test(t)), `progress: ${JSON.stringify(progress)}`);
    assert.equal(await textOf(b, 'report-read'), '5,374');
    assert.equal(await textOf(b, 'report-duplicates'), '3');
    assert.equal(await textOf(b, 'report-undated'), '0');
    assert.equal(await textOf(b, 'report-problems'), '0');
    assert.match(await textOf(b, 'mail-report'), /163 files read in [\d.]+ s \([\d.]+ MB\/s, 2\.9 MB\)/);

    // The BPF's active period (2020) is the default: the corpus has one message in it.
    // One import recorded: the cancelled one left no trace.
    await waitText(b, 'mail-archive', '5,371 messages in the archive, Dec 2003 – Aug 2021 · 1 import');
    await waitText(b, 'fig-messages', '1');
    await waitAttr(b, 'activity-chart', 'data-bars', 8);
    await waitText(b, 'verdict-overall', 'Not met');
    await shot(b, 'mail-04-imported');

    // 2005 by month: twelve bars, every month above the default 8 messages.
    await fill(b, 'mail-preset', 'year:2005');
    await waitText(b, 'fig-messages', '1,259');
    assert.equal(await textOf(b, 'fig-posters'), '208');
    await waitAttr(b, 'activity-chart', 'data-bars', 12);
    assert.equal(await (await b.$(sel('mail-from'))).getValue(), '2005-01-01');
    assert.equal(await (await b.$(sel('mail-to'))).getValue(), '2005-12-31');
    assert.equal((await texts(b, 'activity-bar')).length, 12);
    const july = await b.$('[data-testid="activity-bar"][data-period="2005-07"]');
    assert.equal(await july.getAttribute('data-messages'), '182');
    await waitText(b, 'verdict-overall', 'No evidence');
    await waitText(b, 'verdict-traffic', '105 messages a month on average · 12 of 12 months met');
    await waitText(b, 'verdict-sentence', '105 messages a month on average from January to December 2005 from 208 distinct posters.');
    const months = await b.execute(() =>
      [...document.querySelectorAll('[data-testid="verdict-month"]')].map((c) => [c.dataset.period, c.dataset.met]),
    );
    assert.equal(months.length, 12);
    assert.ok(months.every(([, met]) => met === 'true'), JSON.stringify(months));

    // Hovering a bar shows the month's figures.
    await july.moveTo();
    await waitText(b, 'activity-tip', 'July 2005');
    assert.match(await textOf(b, 'activity-tip'), /Messages\s*182/);
    await shot(b, 'mail-05-2005-by-month');

    // Stricter threshold: 100 messages a month; 4 months of 2005 reach it, the average does too.
    await fill(b, 'threshold-messages', '100');
    await click(b, 'save-thresholds');
    await waitText(b, 'verdict-traffic', '4 of 12 months met');
    const met = await b.execute(() =>
      [...document.querySelectorAll('[data-testid="verdict-month"][data-met="true"]')].map((c) => c.dataset.period),
    );
    assert.deepEqual(met, ['2005-01', '2005-02', '2005-07', '2005-11']);

    // A member list of 150 taken on 1 December 2005, then one of 120 on 1 June: the verdict is met.
    writeFileSync(MEMBERS, members(150));
    await click(b, 'add-snapshot');
    await fill(b, 'snapshot-date', '2005-12-01');
    await click(b, 'snapshot-file');
    await waitText(b, 'notice', 'Member list of 1 Dec 2005 added: 150 subscribers.');
    writeFileSync(MEMBERS, members(100) + members(20, 'early'));
    await click(b, 'add-snapshot');
    await fill(b, 'snapshot-date', '2005-06-01');
    await click(b, 'snapshot-file');
    await waitText(b, 'notice', 'Member list of 1 Jun 2005 added: 120 subscribers.');
    let rows = [];
    await b
      .waitUntil(async () => (rows = await texts(b, 'snapshot-row')).length === 2, { timeout: 10000 })
      .catch(() => assert.fail(`two snapshot rows expected: ${JSON.stringify(rows)}`));
    // Newest first: 150 on 1 Dec (50 joined, 20 left since June), 120 on 1 Jun.
    assert.match(rows[0], /1 Dec 2005\s+members\.txt\s+150\s+\+50\s+−20/);
    assert.match(rows[1], /1 Jun 2005\s+members\.txt\s+120\s+—\s+—/);
    await waitAttr(b, 'subscribers-chart', 'data-points', 2);
    await waitText(b, 'verdict-overall', 'Met');
    await waitText(b, 'verdict-subscribers', '150 on 1 Dec 2005');
    await waitText(
      b,
      'verdict-sentence',
      '150 subscribers on 1 December 2005; 105 messages a month on average from January to December 2005 from 208 distinct posters.',
    );
    await click(b, 'copy-sentence');
    await waitText(b, 'copy-sentence', 'Copied');
    await shot(b, 'mail-06-verdict-met');
    await shot(b, 'mail-07-tops-and-snapshots', 'snapshots');

    // The June snapshot deleted through its confirm bar: the December one still decides.
    await b.execute(() =>
      [...document.querySelectorAll('[data-testid="snapshot-row"]')]
        .find((r) => r.innerText.includes('1 Jun 2005'))
        ?.querySelector('button.icon-btn.danger')
        ?.click(),
    );
    await click(b, 'confirm-delete');
    await b
      .waitUntil(async () => (rows = await texts(b, 'snapshot-row')).length === 1, { timeout: 10000 })
      .catch(() => assert.fail(`one snapshot row expected: ${JSON.stringify(rows)}`));
    assert.match(rows[0], /1 Dec 2005/);
    await waitAttr(b, 'subscribers-chart', 'data-points', 1);
    await waitText(b, 'verdict-overall', 'Met');

    // A member list dated in the future is refused before any file is read.
    await click(b, 'add-snapshot');
    await fill(b, 'snapshot-date', '2999-01-01');
    await click(b, 'snapshot-file');
    await waitText(b, 'snapshot-error', 'cannot be after today');
    await b.keys(['Escape']);

    // The CSV of 2005 by month.
    await click(b, 'export-mail-csv');
    await waitText(b, 'notice', 'Figures exported to');
    const csvPath = join(SAVE_DIR, 'mailing-list-2005-01-01-to-2005-12-31-by-month.csv');
    const lines = readFileSync(csvPath, 'utf8').trim().split(/\r?\n/);
    assert.equal(lines[0], 'period,start,messages,posters,new_posters,threads,replies,team_messages');
    assert.equal(lines.length, 14, lines.join('\n'));
    assert.match(lines[1], /^2005-01,2005-01-01,134,30,/);
    assert.match(lines[7], /^2005-07,2005-07-01,182,/);
    assert.match(lines[13], /,1259,208,/);

    // By week: 53 ISO weeks touch 2005 (2004-W53 to 2005-W52), the same 1,259 messages.
    await click(b, 'mail-by-week');
    await waitAttr(b, 'activity-chart', 'data-bars', 53);
    assert.equal(await textOf(b, 'fig-messages'), '1,259');
    await shot(b, 'mail-08-2005-by-week', 'mail-view');

    // The whole archive, by month: 2003-12 to 2021-08.
    await click(b, 'mail-by-month');
    await fill(b, 'mail-preset', 'all');
    await waitText(b, 'fig-messages', '5,371');
    await waitAttr(b, 'activity-chart', 'data-bars', 213);
    await shot(b, 'mail-09-whole-archive', 'mail-view');

    // Dates typed in: July 2005 only.
    await fill(b, 'mail-from', '2005-07-01');
    await fill(b, 'mail-to', '2005-07-31');
    await waitText(b, 'fig-messages', '182');
    await waitAttr(b, 'activity-chart', 'data-bars', 1);

    // The same archives again add nothing.
    await click(b, 'import-mail-files');
    await waitText(b, 'report-duplicates', '5,374', 30000);
    assert.equal(await textOf(b, 'report-added'), '0');
    await waitText(b, 'mail-report', 'Nothing new in these archives');
    await waitText(b, 'mail-archive', '5,371 messages in the archive');
    await shot(b, 'mail-10-reimport', 'mail-view');

    // Bad input beside good: an empty file, a text that is no archive, a damaged gzip month and an
    // mbox of messages without headers. What can be read is; the rest is reported with where.
    rmSync(ARCHIVES);
    mkdirSync(ARCHIVES);
    writeFileSync(join(ARCHIVES, 'empty.txt'), '');
    writeFileSync(join(ARCHIVES, 'notes.txt'), 'Minutes of the call\nNo mail in here.\n');
    const april = readFileSync(join(source, '2005-April.txt.gz'));
    writeFileSync(join(ARCHIVES, '2005-April-damaged.txt.gz'), april.subarray(0, Math.floor(april.length / 2)));
    symlinkSync(join(CORPUS, 'fixtures-perceval', 'mbox_no_fields.mbox'), join(ARCHIVES, 'no-fields.mbox'));
    await click(b, 'import-mail-folder');
    await waitText(b, 'report-problems', '3', 30000);
    const problems = await texts(b, 'report-problem');
    assert.equal(problems.length, 3, JSON.stringify(problems));
    for (const name of ['2005-April-damaged.txt.gz', 'empty.txt', 'notes.txt']) {
      assert.ok(problems.some((p) => p.startsWith(name)), `${name} not reported: ${JSON.stringify(problems)}`);
    }
    assert.match(problems.find((p) => p.startsWith('empty.txt')), /the file is empty/);
    // The readable half of April 2005 is already in; the three messages of the mbox without
    // headers are new.
    assert.equal(await textOf(b, 'report-duplicates'), '35');
    assert.equal(await textOf(b, 'report-added'), '3');
    await shot(b, 'mail-11-bad-input', 'mail-view');

    // The narrowest window the app allows: the view stacks instead of squeezing.
    await b.setWindowSize(960, 720);
    await fill(b, 'mail-preset', 'year:2005');
    await waitText(b, 'fig-messages', '1,259');
    await waitAttr(b, 'activity-chart', 'data-bars', 12);
    const overflow = await b.execute(() => {
      const page = document.querySelector('[data-testid="mail-view"]');
      return page ? page.scrollWidth - page.clientWidth : -1;
    });
    assert.equal(overflow, 0, 'the view is wider than the narrow window');
    await shot(b, 'mail-12-narrow-window', 'mail-figures');
  } finally {
    await b.deleteSession().catch(() => {});
  }
});
