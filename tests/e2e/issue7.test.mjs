// Issue 7's last views in the real window, on the demo BPF: the draft published for comment
// through the report's dialog; public comments imported from a review form's CSV (the seam
// BPF_DESK_OPEN_COMMENTS points at fixtures/comments.csv: US dates, sections by letter, by title,
// unknown and none, a row without a comment, a row twice), a resolution refused then given, the
// others resolved; the final output held back by the one left open, then published with the
// override; a call and a contribution linked to a person of the register, its file attached
// (BPF_DESK_OPEN_CONTRIBUTION) and saved back; institutions, the cover letter refused for an
// unknown field then fixed, the letters written into BPF_DESK_SAVE_DIR/letters (PDF, DOCX and an
// e-mail draft) and read back, a sending logged and named by the press release; an outreach
// invitation; the balance counting both. Screenshots go to target/e2e-screenshots/issue7-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SAVE_DIR, click, clickCss, fill, fillCss, gone, launch, sel, shot, textOf, texts, waitText } from './driver.mjs';

const WAIT = 15000;
const COMMENTS = process.env.BPF_DESK_OPEN_COMMENTS;
const CONTRIBUTION = process.env.BPF_DESK_OPEN_CONTRIBUTION;

/** Today as the app's local calendar has it (the app and this process share the machine's zone). */
function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The id of the element with data-testid `testid` whose text (or the text of `inner`) is `text`. */
async function idOf(b, testid, attr, text, inner = null) {
  let id = null;
  await b
    .waitUntil(
      async () =>
        (id = await b.execute(
          (s, a, t, i) => {
            const row = [...document.querySelectorAll(s)].find((r) => ((i ? r.querySelector(i) : r)?.textContent ?? '').includes(t));
            return row?.getAttribute(a) ?? null;
          },
          sel(testid),
          attr,
          text,
          inner,
        )) !== null,
      { timeout: WAIT },
    )
    .catch(() => assert.fail(`no ${testid} with "${text}"`));
  return id;
}

/** The text of the element `css` (its white space as single spaces), once `check` holds for it. */
async function waitCss(b, css, check, what) {
  let last = '';
  const read = (s) => (document.querySelector(s)?.innerText ?? '').replace(/\s+/g, ' ').trim();
  await b
    .waitUntil(async () => check((last = await b.execute(read, css))), { timeout: WAIT })
    .catch(() => assert.fail(`${css}: ${what} (it shows "${last}")`));
  return last;
}

async function value(b, id) {
  return b.execute((s) => document.querySelector(s)?.value ?? null, sel(id));
}

/** Dismisses the notice (it would cover the top of the view), scrolls the element `css` to the
 *  top of the view, then takes the screenshot. */
async function shotAt(b, name, css = null) {
  await b.execute(() => document.querySelector('[data-testid="notice"] .icon-btn')?.click());
  await gone(b, 'notice');
  if (css) await b.execute((s) => document.querySelector(s)?.scrollIntoView({ block: 'start' }), css);
  await shot(b, name);
}

test('issue 7: public comments, the final output held back, contributions, dissemination and outreach', async () => {
  assert.ok(COMMENTS && CONTRIBUTION && SAVE_DIR, 'run through tests/e2e/run.sh (BPF_DESK_OPEN_COMMENTS, BPF_DESK_OPEN_CONTRIBUTION)');
  const letters = join(SAVE_DIR, 'letters');
  rmSync(letters, { recursive: true, force: true });
  const savedFile = join(SAVE_DIR, 'contribution-cert-sn.pdf');
  const press = join(SAVE_DIR, 'best-practice-forum-on-cybersecurity-2020-press-release.docx');
  rmSync(savedFile, { force: true });
  rmSync(press, { force: true });

  const b = await launch(['--demo']);
  try {
    await waitText(b, 'project-title', 'Best Practice Forum on Cybersecurity');

    // ---- Public comments: before the draft is published, the view says why there is no period.
    await click(b, 'nav-comments');
    await waitText(b, 'comments-period', 'The draft has not been published for public comment yet.');
    await waitText(b, 'comments-list', 'No comment recorded yet');
    await waitText(b, 'comments-count', 'No comment recorded yet.');
    await shot(b, 'issue7-00-comments-empty');

    // The draft published for comment through the report's dialog.
    await click(b, 'period-to-report');
    await waitText(b, 'report-view', 'Outline');
    await click(b, 'open-publish');
    await waitText(b, 'publish-dialog', 'Publish the report');
    await click(b, 'publish-draft');
    await fill(b, 'publish-date', '2020-09-28');
    await fill(b, 'publish-deadline', '2020-10-20');
    await click(b, 'publish-submit');
    await gone(b, 'publish-dialog');
    await waitText(b, 'report-status', 'Draft published on 28 September 2020, comments until 20 October 2020.');

    // The review form's export: five comments read, four added, one twice; the unknown "Chapter Z"
    // and the empty section are about the report as a whole; the row without a comment skipped.
    await click(b, 'nav-comments');
    await waitText(b, 'comments-period', 'Draft published on 28 September 2020, comments until 20 October 2020');
    await waitText(b, 'period-state', 'Closed');
    await click(b, 'import-comments-csv');
    await waitText(b, 'import-summary', '5 comments read: 4 added, 1 already recorded · 2 linked to no section (about the report as a whole).');
    await waitText(b, 'import-warnings', '2 warnings');
    const warnings = await texts(b, 'import-warning');
    assert.deepEqual(warnings, [
      'line 6: skipped, it has no comment',
      'line 4: the report has no section "Chapter Z"; the comment is about the report as a whole',
    ]);
    await waitText(b, 'comments-count', '4 open of 4 comments.');
    // By section in the report's order, the report as a whole last; US dates read month first.
    assert.deepEqual(await texts(b, 'group-label'), ['B. Methodology and BPF activities', 'C. Case studies and best practices', 'The report as a whole']);
    const olga = await idOf(b, 'comment', 'data-comment-id', 'Olga Kowalczyk');
    await waitCss(b, `[data-comment-id="${olga}"]`, (t) => t.includes('13 Oct 2020') && t.includes('Review platform') && t.includes('Open'), 'the date, source and status');
    await shot(b, 'issue7-01-comments');

    // The filters: the report as a whole, then only the open ones.
    await fill(b, 'filter-section', 'whole');
    await waitText(b, 'comments-shown', '2 of 4 shown');
    assert.deepEqual(await texts(b, 'comment-author'), ['Olga Kowalczyk', 'Priya Raman']);
    await click(b, 'clear-comment-filters');
    await gone(b, 'comments-shown');

    // A comment received by post, added by hand to its section; then deleted, asked first.
    await click(b, 'add-comment');
    await waitText(b, 'comment-form', 'About');
    await fill(b, 'comment-author-input', 'Isabel Ortega');
    await fill(b, 'comment-organisation', 'Ministry of ICT, Colombia');
    await fill(b, 'comment-received', '2020-10-19');
    const caseStudies = await b.execute(
      (s) => [...document.querySelector(s).options].find((o) => o.textContent.startsWith('C. '))?.value ?? null,
      sel('comment-section'),
    );
    await fill(b, 'comment-section', caseStudies);
    await fill(b, 'comment-text-input', 'Sent by post: the table of agreements could say which ones foresee a review by peers.');
    await shotAt(b, 'issue7-01a-comment-form', sel('comments-list'));
    await click(b, 'save-comment');
    await gone(b, 'comment-form');
    await waitText(b, 'comments-count', '5 open of 5 comments.');
    const isabel = await idOf(b, 'comment', 'data-comment-id', 'Isabel Ortega');
    await waitCss(b, `[data-comment-id="${isabel}"]`, (t) => t.includes('Ministry of ICT, Colombia') && t.includes('19 Oct 2020') && t.includes('Added by hand'), 'the comment by hand');
    assert.equal(await b.execute((s) => document.querySelector(s)?.closest('[data-section]')?.dataset.section, `[data-comment-id="${isabel}"]`), String(caseStudies));
    await clickCss(b, `[data-comment-id="${isabel}"] .icon-btn.danger`);
    await waitCss(b, `[data-comment-id="${isabel}"]`, (t) => t.includes('Delete the comment by Isabel Ortega (Ministry of ICT, Colombia)?'), 'the question');
    await click(b, 'confirm-delete');
    await waitText(b, 'comments-count', '4 open of 4 comments.');

    // "Not accepted" needs a response: refused beside the button, the choice kept; then given.
    const inOlga = (id) => `[data-comment-id="${olga}"] ${sel(id)}`;
    await fillCss(b, inOlga('disposition'), 'not_accepted');
    await clickCss(b, inOlga('save-resolution'));
    await waitText(b, 'resolution-error', 'A comment marked "not accepted" needs a response that says why');
    assert.equal(await b.execute((s) => document.querySelector(s).value, inOlga('disposition')), 'not_accepted');
    await waitCss(b, inOlga('comment-status'), (t) => t === 'Open', 'still open');
    await b.execute((s) => document.querySelector(s)?.scrollIntoView({ block: 'center' }), `[data-comment-id="${olga}"]`);
    await shot(b, 'issue7-02-resolution-refused');
    await fillCss(b, inOlga('response'), 'Assessment by civil society is already recommended in C.2; the BPF does not take a position on who leads an assessment.');
    await clickCss(b, inOlga('save-resolution'));
    await gone(b, 'resolution-error');
    await waitCss(b, inOlga('comment-status'), (t) => t === 'Not accepted', 'not accepted');
    await waitText(b, 'comments-count', '3 open of 4 comments.');

    // Two more resolved: accepted (no response needed), and partly with its response.
    const ana = await idOf(b, 'comment', 'data-comment-id', 'Ana Souza');
    await fillCss(b, `[data-comment-id="${ana}"] ${sel('disposition')}`, 'accepted');
    await clickCss(b, `[data-comment-id="${ana}"] ${sel('save-resolution')}`);
    await waitCss(b, `[data-comment-id="${ana}"] ${sel('comment-status')}`, (t) => t === 'Accepted', 'accepted');
    const kwame = await idOf(b, 'comment', 'data-comment-id', 'Kwame Mensah');
    await fillCss(b, `[data-comment-id="${kwame}"] ${sel('disposition')}`, 'partly');
    await fillCss(b, `[data-comment-id="${kwame}"] ${sel('response')}`, 'The Malabo Convention is added to the table; its ratification status is left to the annex.');
    await clickCss(b, `[data-comment-id="${kwame}"] ${sel('save-resolution')}`);
    await waitCss(b, `[data-comment-id="${kwame}"] ${sel('comment-status')}`, (t) => t === 'Partly accepted', 'partly accepted');
    await waitText(b, 'comments-count', '1 open of 4 comments.');
    await waitText(b, 'resolution-progress', '3 of 4 resolved');
    await click(b, 'filter-status-open');
    await waitText(b, 'comments-shown', '1 of 4 shown');
    assert.deepEqual(await texts(b, 'comment-author'), ['Priya Raman']);
    await click(b, 'clear-comment-filters');

    // The comment-resolution table in the report's style, as Word, through the save-dialog seam.
    const table = join(SAVE_DIR, 'best-practice-forum-on-cybersecurity-2020-comment-resolution.docx');
    await click(b, 'export-comments-docx');
    await waitText(b, 'notice', `Comment-resolution table saved to ${table}`);
    assert.equal(readFileSync(table).subarray(0, 2).toString(), 'PK');

    // ---- The final output with one comment open: held back, with the count, the way to the
    // comments and an explicit override; published with it.
    await click(b, 'nav-report');
    await waitText(b, 'report-view', 'Outline');
    await click(b, 'open-publish');
    await waitText(b, 'publish-dialog', 'Publish the report');
    await click(b, 'publish-final');
    await click(b, 'publish-submit');
    await waitText(b, 'publish-unresolved', '1 public comment on the draft is not resolved yet.');
    await waitText(b, 'publish-unresolved', 'Go to Public comments');
    assert.equal(await b.execute((s) => document.querySelector(s).disabled, sel('publish-anyway')), true, 'Publish anyway waits for the tick');
    await gone(b, 'publish-error');
    await shot(b, 'issue7-03-publish-override');
    await click(b, 'publish-override');
    await click(b, 'publish-anyway');
    await gone(b, 'publish-dialog');
    await waitText(b, 'report-notice', 'Final output published on');
    await waitText(b, 'report-notice', 'with public comments still open');
    await waitText(b, 'report-status', 'Final output published on');

    // ---- Contributions: the balance's empty card leads there.
    await click(b, 'nav-balance');
    await click(b, 'balance-go-contributions');
    await waitText(b, 'calls', 'No call for contributions yet');
    await waitText(b, 'contributions', 'No contribution recorded yet');
    // A person of the register to link the contribution to, added under People.
    await click(b, 'nav-people');
    await click(b, 'add-person');
    await fill(b, 'person-name', 'Aïcha Diallo');
    await fill(b, 'person-organisation', 'CERT Sénégal');
    await fill(b, 'person-country', 'Senegal');
    await fill(b, 'person-group', 'government');
    await fill(b, 'person-email', 'aicha.diallo@cert.sn');
    await click(b, 'save-person');
    await waitText(b, 'people-count', '1 person in the register');

    await click(b, 'nav-contributions');
    await waitText(b, 'contributions-count', '0 contributions received');
    // A call that closes before it opens is refused beside its form, which stays open.
    await click(b, 'add-call');
    await fill(b, 'call-title', 'Call for input on norms assessment');
    await fill(b, 'call-opens', '2020-06-15');
    await fill(b, 'call-closes', '2020-06-01');
    await fill(b, 'call-channels', 'mailing list, IGF website, social media');
    await fill(b, 'call-text', 'Share your experience with **assessing** the implementation of cybersecurity norms.');
    await click(b, 'save-call');
    await waitText(b, 'call-error', 'ends (2020-06-01) before it starts (2020-06-15)');
    await fill(b, 'call-closes', '2020-08-31');
    await click(b, 'save-call');
    await gone(b, 'call-form');
    await waitCss(b, sel('call-row'), (t) => t.includes('15 Jun – 31 Aug 2020') && t.includes('Closed') && t.includes('mailing list'), 'the call');

    // The contribution: picking the register entry fills in the contributor and where they are from.
    await click(b, 'add-contribution');
    await waitText(b, 'contribution-form', 'In the register of people');
    const aicha = await b.execute(
      (s) => [...document.querySelector(s).options].find((o) => o.textContent.startsWith('Aïcha Diallo'))?.value ?? null,
      sel('contribution-person'),
    );
    assert.ok(aicha, 'Aïcha Diallo is offered');
    await fill(b, 'contribution-person', aicha);
    assert.equal(await value(b, 'contribution-contributor'), 'Aïcha Diallo');
    assert.equal(await value(b, 'contribution-organisation'), 'CERT Sénégal');
    assert.equal(await value(b, 'contribution-country'), 'Senegal');
    assert.equal(await value(b, 'contribution-group'), 'government');
    await waitText(b, 'contribution-country-region', 'African States');
    assert.notEqual(await value(b, 'contribution-call'), '', 'the only call is chosen');
    await fill(b, 'contribution-title', 'Norms assessment in West Africa');
    await fill(b, 'contribution-received', '2020-07-20');
    await click(b, 'contribution-publish');
    await fill(b, 'contribution-text', 'CERTs of the region compared their **incident reports** with the norms of the UN GGE.');
    await shotAt(b, 'issue7-04a-contribution-form', sel('contributions'));
    await click(b, 'save-contribution');
    await gone(b, 'contribution-form');
    const row = await waitCss(b, sel('contribution-row'), (t) => t.includes('Norms assessment in West Africa'), 'the contribution');
    for (const part of ['20 Jul 2020', 'Aïcha Diallo', 'CERT Sénégal', 'Government', 'Senegal · Africa', 'Call for input on norms assessment', 'May be published', 'Attach file…']) {
      assert.ok(row.includes(part), `the row shows ${part}: ${row}`);
    }
    await waitText(b, 'call-received', '1');
    await waitCss(b, sel('contributions-count'), (t) => t === '1 contribution received · 1 may be published · 1 call for contributions', 'the counts');

    // Its file: attached through the dialog seam, then saved back where the save dialog says.
    await click(b, 'attach-file');
    await waitText(b, 'file-name', 'contribution-cert-sn.pdf');
    await waitText(b, 'notice', 'contribution-cert-sn.pdf kept with “Norms assessment in West Africa”.');
    await click(b, 'save-file');
    await waitText(b, 'notice', `contribution-cert-sn.pdf saved to ${savedFile}`);
    assert.deepEqual(readFileSync(savedFile), readFileSync(CONTRIBUTION), 'the saved file is the one attached');

    // Published on its own with its credit line: a PDF through the save-dialog seam.
    const standalone = join(SAVE_DIR, 'norms-assessment-in-west-africa.pdf');
    await click(b, 'export-contribution-pdf');
    await waitText(b, 'notice', `“Norms assessment in West Africa” saved to ${standalone}`);
    assert.equal(readFileSync(standalone).subarray(0, 5).toString(), '%PDF-');

    // The filters: none is "not for publication"; cleared again.
    await fill(b, 'filter-permission', 'private');
    await waitText(b, 'contributions', 'No contribution matches these filters');
    await waitText(b, 'contributions-shown', '0 of 1 shown');
    await click(b, 'clear-contribution-filters');
    await waitCss(b, sel('contribution-row'), (t) => t.includes('Norms assessment'), 'the contribution again');
    await shotAt(b, 'issue7-04-contributions');

    // ---- Dissemination: the balance's empty outreach card leads to its tab.
    await click(b, 'nav-balance');
    await click(b, 'balance-go-outreach');
    await waitText(b, 'outreach', 'No organisation invited yet');
    assert.equal(await b.execute((s) => document.querySelector(s)?.getAttribute('aria-selected'), sel('tab-outreach')), 'true');
    // Two institutions, one refused first for its address.
    await click(b, 'tab-send');
    await waitText(b, 'institutions', 'No institution yet');
    await waitText(b, 'dissemination-summary', 'final output published on');
    await waitText(b, 'letters-final', 'goes with the e-mail drafts');
    await waitText(b, 'sending-log', 'Nothing sent yet');
    await click(b, 'add-institution');
    await fill(b, 'institution-organisation', 'International Telecommunication Union');
    await fill(b, 'institution-contact', 'Ms Amina Yusuf');
    await fill(b, 'institution-email', 'amina.yusuf@itu.int');
    await fill(b, 'institution-country', 'Switzerland');
    await fill(b, 'institution-group', 'intergovernmental');
    await fill(b, 'institution-why', 'Its Study Group 17 works on the security aspects of telecommunications and on capacity building.');
    await fill(b, 'institution-address', 'Place des Nations\n1211 Geneva 20');
    await click(b, 'save-institution');
    await gone(b, 'institution-form');
    await click(b, 'add-institution');
    await fill(b, 'institution-organisation', 'Council of Europe');
    await fill(b, 'institution-email', 'cybercrime at coe.int');
    await fill(b, 'institution-country', 'France');
    await fill(b, 'institution-group', 'intergovernmental');
    await fill(b, 'institution-why', 'The Budapest Convention committee follows how states implement their commitments.');
    await click(b, 'save-institution');
    await waitText(b, 'institution-error', '"cybercrime at coe.int" is not an e-mail address');
    await shotAt(b, 'issue7-05a-institution-refused', sel('institutions'));
    await fill(b, 'institution-email', '');
    await click(b, 'save-institution');
    await gone(b, 'institution-form');
    const coeId = await idOf(b, 'institution-row', 'data-institution-id', 'Council of Europe');
    const coe = await waitCss(b, `[data-institution-id="${coeId}"]`, (t) => t.includes('Council of Europe'), 'the Council of Europe');
    assert.ok(coe.includes('No e-mail address') && coe.includes('France · WEOG') && coe.includes('Not sent yet'), coe);

    // The cover letter: an unknown field is refused, named; put right with the field list.
    await waitText(b, 'letter-state', 'Built-in letter');
    const builtIn = await value(b, 'letter-template');
    assert.ok(builtIn.startsWith('Dear {{contact}},'), builtIn);
    await fill(b, 'letter-template', builtIn.replace('Dear {{contact}},', 'Dear {{recipient}},'));
    await fill(b, 'letter-signatory', 'Ben Wallis and Markus Kummer\nfor the coordinating team');
    await click(b, 'save-letter');
    await waitText(b, 'letter-error', 'The letter uses {{recipient}}, which is not a field: use {{contact}}, {{organisation}}');
    await waitText(b, 'letter-state', 'Built-in letter');
    await b.execute((s) => {
      const t = document.querySelector(s);
      const at = t.value.indexOf('{{recipient}}');
      t.focus();
      t.setSelectionRange(at, at + '{{recipient}}'.length);
    }, sel('letter-template'));
    await clickCss(b, '[data-testid="insert-field"][data-field="contact"]');
    assert.ok((await value(b, 'letter-template')).startsWith('Dear {{contact}},'));
    // And the date on top, inserted where the cursor is: the letter is the team's own now.
    await b.execute((s) => {
      const t = document.querySelector(s);
      t.focus();
      t.setSelectionRange(0, 0);
    }, sel('letter-template'));
    await clickCss(b, '[data-testid="insert-field"][data-field="date"]');
    const dated = await value(b, 'letter-template');
    assert.ok(dated.startsWith('{{date}}Dear {{contact}},'), dated);
    await fill(b, 'letter-template', dated.replace('{{date}}', 'Geneva, {{date}}\n\n'));
    await click(b, 'save-letter');
    await waitText(b, 'letter-state', 'Your letter');
    await gone(b, 'letter-error');
    await waitText(b, 'notice', 'Cover letter saved.');

    // The letters: PDF and DOCX for both, an e-mail draft (with the final output) only for the
    // one with an address; the files are on disk.
    await click(b, 'write-letters');
    await waitText(b, 'letters-summary', '2 letters as PDF and DOCX, 1 e-mail draft with the final output attached · 5 files.', 120000);
    await waitText(b, 'letters-warnings', 'Council of Europe: no e-mail address, so no e-mail draft');
    await waitText(b, 'letters-folder', letters);
    const files = await texts(b, 'letters-file');
    const expected = [
      'international-telecommunication-union-letter.pdf',
      'international-telecommunication-union-letter.docx',
      'international-telecommunication-union-letter.eml',
      'council-of-europe-letter.pdf',
      'council-of-europe-letter.docx',
    ];
    for (const f of expected) {
      assert.ok(files.some((t) => t.startsWith(f)), `${f} is listed: ${JSON.stringify(files)}`);
      assert.ok(existsSync(join(letters, f)), `${f} is on disk`);
    }
    assert.equal(readFileSync(join(letters, 'council-of-europe-letter.pdf')).subarray(0, 4).toString(), '%PDF');
    assert.equal(readFileSync(join(letters, 'international-telecommunication-union-letter.docx')).subarray(0, 2).toString(), 'PK');
    const eml = readFileSync(join(letters, 'international-telecommunication-union-letter.eml'), 'utf8');
    assert.match(eml, /^To: .*amina\.yusuf@itu\.int/m);
    assert.match(eml, /application\/pdf/);
    await shotAt(b, 'issue7-06-letters-written', sel('letters-written'));

    // A sending: a day after today is refused; today's is logged, and the press release names it.
    const itu = await idOf(b, 'institution-row', 'data-institution-id', 'International Telecommunication Union');
    await fill(b, 'sending-institution', itu);
    await fill(b, 'sending-date', '2099-01-04');
    await fill(b, 'sending-channel', 'email');
    await fill(b, 'sending-note', 'With the cover letter, to the Study Group 17 secretariat');
    await click(b, 'record-sending');
    await waitText(b, 'sending-error', 'is after today');
    await fill(b, 'sending-date', today());
    await click(b, 'record-sending');
    await gone(b, 'sending-error');
    await waitCss(b, sel('sending-row'), (t) => t.includes('International Telecommunication Union') && t.includes('E-mail · With the cover letter'), 'the sending');
    await waitCss(b, `[data-institution-id="${itu}"] ${sel('institution-sent')}`, (t) => t !== 'Not sent yet', 'the day it was sent');
    await waitText(b, 'press-release', 'The report has been sent to 1 institution and decision-making body that can put its findings to use: International Telecommunication Union.');
    await click(b, 'export-press-release');
    await waitText(b, 'notice', `Press-release draft saved to ${press}`);
    assert.ok(existsSync(press), `${press} was written`);
    await shotAt(b, 'issue7-05-dissemination', sel('dissemination-view'));
    await shotAt(b, 'issue7-05b-press-release', sel('sending-log'));

    // ---- Outreach: an organisation invited, with its answer.
    await click(b, 'tab-outreach');
    await waitText(b, 'outreach', 'No organisation invited yet');
    await click(b, 'add-invitation');
    await fill(b, 'invitation-organisation', 'Global Forum on Cyber Expertise');
    await fill(b, 'invitation-contact', 'Lea Janssen');
    await fill(b, 'invitation-country', 'Netherlands');
    await fill(b, 'invitation-group', 'intergovernmental');
    await fill(b, 'invitation-by', 'Ben Wallis');
    await fill(b, 'invitation-date', '2020-05-12');
    await fill(b, 'invitation-answer-input', 'committed');
    await fill(b, 'invitation-notes', 'Agreed to present its norms-assessment work at the second open meeting.');
    await shot(b, 'issue7-07a-invitation-form');
    await click(b, 'save-invitation');
    await gone(b, 'invitation-form');
    const inv = await waitCss(b, sel('invitation-row'), (t) => t.includes('Global Forum on Cyber Expertise'), 'the invitation');
    for (const part of ['Lea Janssen', 'Intergovernmental', 'Netherlands · WEOG', 'Ben Wallis', '12 May 2020', 'Committed to take part']) {
      assert.ok(inv.includes(part), `the row shows ${part}: ${inv}`);
    }
    await waitText(b, 'outreach-summary', '1 committed to take part');
    await shotAt(b, 'issue7-07-outreach');

    // The balance counts the contribution and the organisation invited.
    await click(b, 'nav-balance');
    await waitCss(b, '[data-set="contributions"] [data-testid="balance-card-total"]', (t) => t === '1 contribution', 'one contribution');
    await waitCss(b, '[data-set="outreach"] [data-testid="balance-card-total"]', (t) => t === '1 organisation', 'one organisation');
    assert.ok((await textOf(b, 'balance-view')).length > 0);

    // The narrowest window: nothing in the three views sticks out sideways.
    await b.setWindowSize(960, 640);
    await b.waitUntil(async () => (await b.execute(() => window.innerWidth)) <= 960, { timeout: WAIT });
    for (const [nav, view] of [
      ['nav-comments', 'comments-view'],
      ['nav-contributions', 'contributions-view'],
      ['nav-dissemination', 'dissemination-view'],
    ]) {
      await click(b, nav);
      await waitText(b, view, '');
      await b.pause(300);
      const overflow = await b.execute((s) => {
        const v = document.querySelector(s);
        const right = v.getBoundingClientRect().right + 1;
        return [...v.querySelectorAll('*')]
          .filter((e) => e.getBoundingClientRect().right > right && !e.closest('.ellipsis, .clamp-2'))
          .map((e) => `${e.tagName}.${e.className}`)
          .slice(0, 5);
      }, sel(view));
      assert.deepEqual(overflow, [], `${view} sticks out`);
    }
    await click(b, 'tab-send');
    await shotAt(b, 'issue7-08-narrow', sel('letter-editor'));
  } finally {
    await b.deleteSession();
  }
});
