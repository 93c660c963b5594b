// Issue 8 in the real window, on the demo BPF: the home screen (the draft countdown, the next
// deadlines, the scorecard card and the latest activity) checked against what the command line
// says of the same file, and read again after the draft is published; the Scorecard view with its
// one-page PDF and Word; several BPFs side by side and the year over year, from the files
// BPF_DESK_OPEN_PROJECTS names (written here with the command line: next year's file of the demo
// with people imported, another BPF, and a file that is not a project); the proposal composer with
// its broken rules listed, fixed one by one (the texts, then an organisation that signalled
// interest recorded in Outreach), a returning BPF, and the PDF and Word; then next year's BPF
// started from Profile & team — a meeting in the wrong year refused in the dialog, then created
// and opened. Screenshots go to target/e2e-screenshots/issue8-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SAVE_DIR, click, fill, gone, launch, sel, shot, textOf, texts, waitText } from './driver.mjs';

const WAIT = 15000;
const CLI = process.env.BPF_DESK_CLI;
const OTHERS = (process.env.BPF_DESK_OPEN_PROJECTS ?? '').split(':').filter(Boolean);
const PEOPLE = process.env.BPF_DESK_OPEN_PEOPLE;

function cli(...args) {
  return execFileSync(CLI, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function cliJson(...args) {
  return JSON.parse(cli(...args, '--json'));
}

let snapshots = 0;

/**
 * A copy of a project file the window has open (it holds the file's lock): the database and its
 * write-ahead log as they are now, for the command line to read.
 */
function snapshot(path) {
  const dir = join(dirname(OTHERS[0]), 'snapshots');
  mkdirSync(dir, { recursive: true });
  const to = join(dir, `${++snapshots}-${basename(path)}`);
  copyFileSync(path, to);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${to}-wal`);
  return to;
}

/** The command line's JSON about a file the window has open. */
function openJson(command, path) {
  return cliJson(command, snapshot(path));
}

function has(tool) {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** "2021-10-25" → "25 October 2021", as the app writes a long date. */
function longDate(iso) {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A PDF's text on one line: soft hyphens at line ends joined again, white space folded. */
function pdfText(pdf) {
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\u00ad\s*/g, '').replace(/\s+/g, ' ');
}

/** The text of a DOCX's body, tags left out. */
function docxText(docx) {
  const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8' });
  return xml.replace(/<[^>]+>/g, '').replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"');
}

/** Waits until `read()` gives what `expected` is (deep), and says what it showed last. */
async function waitEqual(b, read, expected, what) {
  let last;
  await b
    .waitUntil(async () => JSON.stringify((last = await read())) === JSON.stringify(expected), { timeout: WAIT })
    .catch(() => assert.fail(`${what}: expected ${JSON.stringify(expected)}, the window shows ${JSON.stringify(last)}`));
}

/** [key, status] of the scorecard lines with this test id. */
function statuses(b, id) {
  return b.execute((s) => [...document.querySelectorAll(s)].map((e) => [e.dataset.key, e.dataset.status]), sel(id));
}

async function dismissNotice(b) {
  await b.execute(() => document.querySelector('[data-testid="notice"] .icon-btn')?.click());
  await gone(b, 'notice');
}

/** Clicks an export button and reads where the notice says the file went. */
async function exported(b, id, what) {
  await dismissNotice(b);
  await click(b, id);
  await waitText(b, 'notice', `${what} saved to `, 60000);
  const notice = await textOf(b, 'notice');
  const path = notice.slice(notice.indexOf(' saved to ') + ' saved to '.length).trim();
  assert.ok(path.startsWith(SAVE_DIR), `${path} is not in ${SAVE_DIR}`);
  assert.ok(existsSync(path), `${path} was not written`);
  await dismissNotice(b);
  return path;
}

function isPdf(path) {
  assert.equal(readFileSync(path).subarray(0, 5).toString('latin1'), '%PDF-', `${path} is not a PDF`);
}

function isDocx(path) {
  assert.equal(readFileSync(path).subarray(0, 2).toString('latin1'), 'PK', `${path} is not a DOCX (zip)`);
}

async function shotAt(b, name, id = null) {
  await dismissNotice(b);
  await shot(b, name, id);
}

test('issue 8: home, scorecard, side by side, year over year, proposal and next year', async () => {
  assert.ok(CLI && existsSync(CLI), `the command line is missing at ${CLI}: cargo build -p bpf-cli (run through tests/e2e/run.sh)`);
  assert.ok(SAVE_DIR && OTHERS.length === 3 && PEOPLE, 'run through tests/e2e/run.sh (BPF_DESK_OPEN_PROJECTS, BPF_DESK_SAVE_DIR)');

  // The files the comparisons pick: next year's file of a demo BPF (with the register of people
  // imported), another BPF of the same year, and a file that is not a project.
  const [nextOfDemo, otherBpf, notProject] = OTHERS;
  const folder = dirname(nextOfDemo);
  mkdirSync(folder, { recursive: true });
  const demoCopy = join(folder, 'cybersecurity-2020.bpfdesk');
  for (const f of [demoCopy, ...OTHERS]) rmSync(f, { force: true });
  cli('demo', demoCopy);
  cli('next-year', demoCopy, '--out', nextOfDemo, '--meeting-start', '2021-12-06', '--meeting-end', '2021-12-10', '--meeting-zone', 'Europe/Warsaw');
  cli('people', 'import', nextOfDemo, PEOPLE);
  cli('new', otherBpf, '--title', 'BPF Gender and Access', '--year', '2020', '--meeting-start', '2020-11-02', '--meeting-end', '2020-11-17', '--meeting-zone', 'UTC');
  writeFileSync(notProject, 'This is not a BPF Desk project.\n');
  // Next year's file of the window's demo is saved here: a fresh one each run.
  for (const f of readdirSync(SAVE_DIR)) if (/cybersecurity-2021\.bpfdesk/.test(f)) rmSync(join(SAVE_DIR, f), { force: true });

  const b = await launch(['--demo']);
  try {
    await waitText(b, 'project-title', 'Best Practice Forum on Cybersecurity');
    await waitText(b, 'nav-overview', 'Home');
    const demo = await b.execute((s) => document.querySelector(s)?.getAttribute('title') ?? '', sel('project-path'));
    assert.ok(existsSync(demo), `the demo's file ${demo}`);

    // ---- The home screen, against the command line on the same file.
    const plan = openJson('plan', demo);
    let home = openJson('home', demo);
    await waitText(b, 'draft-deadline', longDate(plan.draft_deadline));
    const draftDone = plan.milestones.some((m) => m.kind === 'draft_published' && m.effective_status === 'done');
    const days = home.draft_days_left;
    await waitText(b, 'draft-countdown', home.draft_published ? 'Published' : draftDone ? 'Marked done' : days >= 0 ? 'left' : `${Math.abs(days).toLocaleString('en-GB')} days late`);
    // The demo ticks its draft milestone off without a recorded publication: the card says so, as the scorecard does.
    if (draftDone && !home.draft_published) await waitText(b, 'draft-unrecorded', 'no publication recorded');
    await waitEqual(b, () => statuses(b, 'home-metric'), home.scorecard.metrics.map((m) => [m.key, m.status]), 'the home scorecard');
    const counts = await textOf(b, 'home-scorecard-counts');
    for (const [label, n] of [['Met', home.scorecard.met], ['Not met', home.scorecard.not_met], ['Not yet due', home.scorecard.not_yet_due]]) {
      assert.match(counts.replace(/\s+/g, ' '), new RegExp(`${label} ${n}\\b`), `the count of "${label}"`);
    }
    if (home.deadlines.length === 0) await waitText(b, 'deadlines-empty', 'every milestone of the work plan is done');
    else await waitEqual(b, () => texts(b, 'deadline-title'), home.deadlines.map((d) => d.title), 'the deadlines');
    if (home.activity.length === 0) await waitText(b, 'activity-empty', 'Nothing recorded yet');
    assert.deepEqual(
      await b.execute(() => [...document.querySelectorAll('[data-testid="warning"]')].map((w) => w.dataset.code)),
      home.warnings.map((w) => w.code),
    );
    await shot(b, 'issue8-01-home');

    // The draft published for comment before its deadline: the activity and the scorecard follow.
    await click(b, 'nav-report');
    await waitText(b, 'report-view', 'Outline');
    await click(b, 'open-publish');
    await waitText(b, 'publish-dialog', 'Publish the report');
    await click(b, 'publish-draft');
    await fill(b, 'publish-date', '2020-09-10');
    await fill(b, 'publish-deadline', '2020-10-20');
    await click(b, 'publish-submit');
    await gone(b, 'publish-dialog');
    await click(b, 'nav-overview');
    home = openJson('home', demo);
    assert.ok(home.activity.some((a) => a.text === 'Draft published for public comment'), 'the command line sees the publication');
    await waitEqual(b, () => texts(b, 'activity-text'), home.activity.map((a) => a.text), 'the latest activity');
    await waitEqual(b, () => statuses(b, 'home-metric'), home.scorecard.metrics.map((m) => [m.key, m.status]), 'the home scorecard after the publication');
    assert.equal(home.scorecard.metrics.find((m) => m.key === 'draft_for_comment').status, 'met');
    await shotAt(b, 'issue8-02-home-after-draft', 'home-deadlines');

    // ---- The Scorecard view: the metrics with their evidence and link, as the command line has them.
    await click(b, 'home-to-scorecard');
    const card = openJson('scorecard', demo);
    await waitText(b, 'scorecard-summary', `IGF ${card.year}, as of`);
    await waitEqual(b, () => statuses(b, 'metric'), card.metrics.map((m) => [m.key, m.status]), 'the scorecard');
    assert.deepEqual(await texts(b, 'metric-title'), card.metrics.map((m) => m.title));
    assert.deepEqual(await texts(b, 'metric-evidence'), card.metrics.map((m) => m.evidence));
    const linked = card.metrics.filter((m) => m.link);
    assert.ok(linked.length > 0, 'the demo has its page on the IGF website');
    const links = await texts(b, 'metric-link');
    linked.forEach((m, i) => assert.ok(links[i].includes(m.link), `the link of ${m.key}`));
    await waitText(b, 'scorecard-counts', `${card.met} met`);
    // The link is copied for the browser (the window opens no web page itself).
    await click(b, 'copy-link');
    await waitText(b, 'notice', `Link copied: ${linked[0].link}`);
    await shotAt(b, 'issue8-03-scorecard');

    // The one-page scorecard as PDF and Word.
    const scorePdf = await exported(b, 'export-scorecard-pdf', 'Scorecard');
    isPdf(scorePdf);
    if (has('pdftotext')) {
      const text = pdfText(scorePdf);
      for (const m of card.metrics) assert.ok(text.includes(m.title), `the PDF names "${m.title}"`);
    }
    const scoreDocx = await exported(b, 'export-scorecard-docx', 'Scorecard');
    isDocx(scoreDocx);
    if (has('unzip')) {
      const text = docxText(scoreDocx);
      for (const m of card.metrics) assert.ok(text.includes(m.title), `the DOCX names "${m.title}"`);
    }

    // ---- Several BPFs side by side: the open file first, then the picked ones; the file that is
    // not a project says why in its column.
    await click(b, 'compare-bpfs');
    await waitText(b, 'side-by-side', 'Side by side');
    const demoCopy2 = snapshot(demo);
    const side = cliJson('scorecards', demoCopy2, ...OTHERS).map((f) => (f.path === demoCopy2 ? { ...f, path: demo } : f));
    assert.deepEqual(
      await b.execute((s) => [...document.querySelectorAll(s)].map((e) => e.dataset.path), sel('side-column')),
      side.map((f) => f.path),
    );
    const cells = await b.execute(
      (s) => [...document.querySelectorAll(s)].map((c) => [c.dataset.path, c.closest('tr').dataset.key, c.dataset.status]).sort(),
      sel('side-cell'),
    );
    const expectedCells = side.flatMap((f) => (f.scorecard ? f.scorecard.metrics.map((m) => [f.path, m.key, m.status]) : [])).sort();
    assert.deepEqual(cells, expectedCells);
    const unreadable = side.filter((f) => f.error);
    assert.equal(unreadable.length, 1);
    assert.deepEqual(await b.execute((s) => [...document.querySelectorAll(s)].map((e) => e.dataset.path), sel('side-error')), [notProject]);
    // The column's heading names the file; the reason says what is wrong with it.
    const why = unreadable[0].error.replace(`${notProject}: `, '');
    await waitText(b, 'side-error', why.charAt(0).toUpperCase() + why.slice(1));
    assert.deepEqual(
      await texts(b, 'side-total').then((t) => t.map((x) => x.split('\n')[0])),
      side.filter((f) => f.scorecard).map((f) => `${f.scorecard.met} of ${f.scorecard.metrics.length} met`),
    );
    await click(b, 'side-evidence');
    await shotAt(b, 'issue8-04-side-by-side', 'side-by-side');

    // ---- Year over year: this year beside next year's file (the first one picked).
    await click(b, 'compare-years');
    await waitText(b, 'year-over-year', 'Year over year');
    const years = cliJson('compare', snapshot(demo), nextOfDemo).sort((x, y) => x.year - y.year);
    assert.deepEqual(await texts(b, 'year-column').then((t) => t.map((x) => x.split('\n')[0])), years.map((y) => String(y.year)));
    const rows = await b.execute(
      (s) =>
        [...document.querySelectorAll(s)].map((r) => [
          r.dataset.key,
          [...r.querySelectorAll('[data-testid="year-value"]')].map((v) => Number(/^[\d,]+/.exec(v.innerText.trim())?.[0].replace(/,/g, ''))),
          r.querySelector('[data-testid="year-change"]').innerText.trim(),
        ]),
      sel('year-row'),
    );
    assert.equal(rows.length, 9);
    for (const [key, values, change] of rows) {
      assert.deepEqual(values, years.map((y) => y[key]), `the figures of ${key}`);
      const diff = years[years.length - 1][key] - years[0][key];
      assert.equal(change, diff === 0 ? 'no change' : `${diff > 0 ? '+' : '−'}${Math.abs(diff)}`, `the change of ${key}`);
    }
    assert.ok(years[1].people > 0, 'next year has its register');
    await shotAt(b, 'issue8-05-year-over-year', 'year-over-year');

    // ---- The proposal: the rules it breaks, as the command line lists them.
    await click(b, 'nav-proposal');
    await waitText(b, 'proposal-checklist', 'Template rules');
    let proposal = openJson('proposal', demo);
    assert.ok(proposal.problems.length > 0);
    await waitEqual(b, () => texts(b, 'proposal-problem'), proposal.problems.map((p) => p.message), 'the problems');
    await waitText(b, 'proposal-problem-count', `${proposal.problems.length} problems to fix`);
    for (const f of ['pdf', 'docx']) {
      assert.equal(await b.execute((s) => document.querySelector(s).disabled, sel(`export-proposal-${f}`)), true, `${f} waits for the rules`);
    }
    const facilitators = await texts(b, 'proposal-facilitator');
    assert.ok(facilitators.some((f) => f.includes('Ben Wallis') && f.includes('MAG member')), 'Ben Wallis, MAG member');
    assert.equal(facilitators.length, proposal.facilitators.length);
    // Each broken part shows its problem beside it too.
    await waitText(b, 'proposal-relevance-field', proposal.problems.find((p) => p.field === 'relevance').message);
    await shotAt(b, 'issue8-06-proposal-problems');

    // The texts typed: saved once typing pauses, the rules checked again.
    const relevance = 'National CERTs, the UN OEWG and the GCSC are turning norms into practice now; the BPF collects how.';
    const outreach = 'Write to the CERT community through FIRST, to regional organisations, and invite the norms bodies to the open meetings.';
    await fill(b, 'proposal-relevance', relevance);
    await fill(b, 'proposal-outreach', outreach);
    const indicators = {
      clear_objectives: 'A report on how international norms are implemented, presented at the annual meeting.',
      key_organisations: 'FIRST, the GFCE and the Paris Call community have been approached.',
      synergies: 'A joint session with the Dynamic Coalition on Internet Standards, Security and Safety.',
    };
    for (const [key, text] of Object.entries(indicators)) await fill(b, `indicator-${key}`, text);
    await waitText(b, 'proposal-save-state', 'Saved');
    await b
      .waitUntil(async () => (await b.execute((s) => document.querySelector(s)?.dataset.ok, '[data-testid="proposal-rule"][data-field="relevance"]')) === 'true', { timeout: WAIT })
      .catch(() => assert.fail('the relevance rule stays broken'));
    proposal = openJson('proposal', demo);
    assert.equal(proposal.text.relevance, relevance);
    assert.equal(proposal.text.outreach_plan, outreach);
    assert.deepEqual(proposal.text.indicators.filter(([, t]) => t).map(([k]) => k), Object.keys(indicators));
    // What is left: an organisation that signalled interest, recorded in Outreach.
    await waitEqual(b, () => texts(b, 'proposal-problem'), proposal.problems.map((p) => p.message), 'the problems left');
    assert.deepEqual(proposal.problems.map((p) => p.field), ['outreach']);

    // The checklist leads there.
    await waitText(b, 'fix-outreach', 'Record in Outreach');
    await click(b, 'fix-outreach');
    await waitText(b, 'outreach', 'No organisation invited yet');
    await click(b, 'add-invitation');
    await fill(b, 'invitation-organisation', 'Forum of Incident Response and Security Teams (FIRST)');
    await fill(b, 'invitation-contact', 'Maarten Van Horenbeeck');
    await fill(b, 'invitation-country', 'United States');
    await fill(b, 'invitation-group', 'technical');
    await fill(b, 'invitation-by', 'Ben Wallis');
    await fill(b, 'invitation-date', '2020-03-02');
    await fill(b, 'invitation-answer-input', 'interested');
    await click(b, 'save-invitation');
    await gone(b, 'invitation-form');
    await waitText(b, 'outreach-summary', '1 interested');

    await click(b, 'nav-proposal');
    await waitText(b, 'proposal-interested', 'Forum of Incident Response and Security Teams (FIRST)');
    await waitText(b, 'proposal-ready', 'Ready to submit');
    assert.deepEqual(await texts(b, 'proposal-problem'), []);
    assert.deepEqual(openJson('proposal', demo).problems, []);
    // A returning BPF: last year's evidence goes with the export.
    await click(b, 'proposal-returning');
    await waitText(b, 'proposal-returning-note', 'attaches the evidence of how the BPF functioned in 2020');
    await b
      .waitUntil(async () => openJson('proposal', demo).text.returning === true, { timeout: WAIT })
      .catch(() => assert.fail('the returning flag was not saved'));
    await waitText(b, 'proposal-save-state', 'Saved');
    await shotAt(b, 'issue8-07-proposal-ready', 'proposal-checklist');
    await shot(b, 'issue8-07b-proposal-outreach', 'proposal-relevance-field');

    const proposalPdf = await exported(b, 'export-proposal-pdf', 'Proposal');
    isPdf(proposalPdf);
    if (has('pdftotext')) {
      const text = pdfText(proposalPdf);
      for (const part of ['Proposal for a Best Practice Forum, IGF 2021', 'Ben Wallis', relevance, 'Forum of Incident Response and Security Teams (FIRST)', 'Evidence from 2020']) {
        assert.ok(text.includes(part), `the proposal PDF has "${part}"`);
      }
    }
    const proposalDocx = await exported(b, 'export-proposal-docx', 'Proposal');
    isDocx(proposalDocx);
    if (has('unzip')) {
      const text = docxText(proposalDocx);
      for (const part of [relevance, outreach, indicators.synergies, 'Evidence from 2020']) assert.ok(text.includes(part), `the proposal DOCX has "${part}"`);
    }
    await shot(b, 'issue8-08-proposal-indicators', 'indicator-clear_objectives-field');

    // ---- Next year, from Profile & team: a meeting outside next year is refused in the dialog.
    await click(b, 'nav-profile');
    await click(b, 'start-next-year');
    await waitText(b, 'next-year-dialog', 'Carried over');
    await fill(b, 'next-meeting-start', '2020-12-07');
    await fill(b, 'next-meeting-end', '2020-12-11');
    await click(b, 'next-year-create');
    await waitText(b, 'next-year-error', 'not in the BPF year 2021');
    await shot(b, 'issue8-09-next-year-refused');
    await fill(b, 'next-meeting-start', '2021-12-06');
    await fill(b, 'next-meeting-end', '2021-12-10');
    await fill(b, 'next-meeting-place', 'Katowice, Poland');
    await fill(b, 'next-meeting-format', 'hybrid');
    await fill(b, 'next-meeting-zone', 'Europe/Warsaw');
    await shot(b, 'issue8-10-next-year');
    await click(b, 'next-year-create');
    await gone(b, 'next-year-dialog');

    // The new project is open: next year, its title, its own file; this year's file unchanged.
    await waitText(b, 'project-year', '2021');
    await waitText(b, 'project-title', 'Best Practice Forum on Cybersecurity');
    await waitText(b, 'notice', 'is open; the 2020 file is unchanged');
    const next = await b.execute((s) => document.querySelector(s)?.getAttribute('title') ?? '', sel('project-path'));
    assert.ok(next.startsWith(SAVE_DIR) && next.endsWith('.bpfdesk') && existsSync(next), `next year's file ${next}`);
    assert.notEqual(next, demo);
    const nextPlan = openJson('plan', next);
    assert.equal(nextPlan.year.profile.year, 2021);
    assert.equal(nextPlan.year.meeting.place, 'Katowice, Poland');
    assert.equal(nextPlan.year.meeting.format, 'hybrid');
    assert.equal(openJson('plan', demo).year.profile.year, 2020);
    await waitText(b, 'draft-deadline', longDate(nextPlan.draft_deadline));
    const nextHome = openJson('home', next);
    assert.ok(nextHome.deadlines.length > 0);
    await waitEqual(b, () => texts(b, 'deadline-title'), nextHome.deadlines.map((d) => d.title), "next year's deadlines");
    assert.deepEqual(
      await b.execute((s) => [...document.querySelectorAll(s)].map((d) => d.dataset.late === 'true'), sel('deadline')),
      nextHome.deadlines.map((d) => d.late),
    );
    await waitEqual(b, () => statuses(b, 'home-metric'), nextHome.scorecard.metrics.map((m) => [m.key, m.status]), "next year's scorecard");
    await shotAt(b, 'issue8-11-next-year-home');

    // Closed, and taken off the recent files (the file is moved away below).
    await click(b, 'close-project');
    await b.$(`${sel('recent-item')}[title="${next}"]`).then((e) => e.waitForDisplayed({ timeout: WAIT }));
    await b.execute((p) => document.querySelector(`li:has([title="${p}"]) button.remove`)?.click(), next);
    await b
      .waitUntil(async () => !(await b.execute((p) => document.querySelector(`[title="${p}"]`) !== null, next)), { timeout: WAIT })
      .catch(() => assert.fail('next year stays in the recent files'));
  } finally {
    await b.deleteSession();
    // Next year's file leaves the save folder (other journeys count the projects saved there).
    for (const f of readdirSync(SAVE_DIR)) {
      if (/cybersecurity-2021\.bpfdesk/.test(f)) renameSync(join(SAVE_DIR, f), join(dirname(OTHERS[0]), `saved-${f}`));
    }
  }
});
