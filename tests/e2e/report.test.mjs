// The output report in the real window: the outline of the demo BPF, a section written in
// Markdown with the live preview beside it (a heading with `#`, a `$`, an observations box, a
// footnote and a cross-reference from the toolbar), a mistake named with its line, saving with
// Ctrl+S, the unsaved-changes question, a refused move, a chapter added and deleted, publishing,
// and the PDF and DOCX exports written through the save-dialog seam (BPF_DESK_SAVE_DIR) and read
// back with pdftotext and unzip. Screenshots go to target/e2e-screenshots/report-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SAVE_DIR, click, clickCss, fill, gone, launch, sel, shot, textOf, waitText } from './driver.mjs';

const WAIT = 15000;

/** The outline's rows: kind, number and title. */
async function outline(b) {
  return b.execute(() =>
    [...document.querySelectorAll('[data-testid="outline-row"]')].map((r) => ({
      kind: r.dataset.kind,
      number: r.querySelector('[data-testid="outline-number"]')?.textContent.trim() ?? '',
      title: r.querySelector('[data-testid="outline-title"]')?.textContent.trim() ?? '',
      state: r.querySelector('[data-testid="outline-state"]')?.textContent.trim() ?? '',
    })),
  );
}

async function value(b, id) {
  return b.execute((s) => document.querySelector(s)?.value ?? null, sel(id));
}

async function waitValue(b, id, check, what) {
  let last = null;
  await b
    .waitUntil(async () => check((last = await value(b, id))), { timeout: WAIT })
    .catch(() => assert.fail(`${id}: ${what} (value: ${JSON.stringify(last)})`));
}

/** The preview's HTML once `check` holds for it. */
async function waitPreview(b, check, what) {
  let last = '';
  await b
    .waitUntil(
      async () => check((last = await b.execute(() => document.querySelector('[data-testid="section-preview"]')?.innerHTML ?? ''))),
      { timeout: WAIT },
    )
    .catch(() => assert.fail(`preview: ${what} (it shows ${last.slice(0, 600)})`));
  return last;
}

/** Puts the textarea's cursor at the end of its text. */
async function cursorToEnd(b) {
  await b.execute(() => {
    const t = document.querySelector('[data-testid="section-body"]');
    t.focus();
    t.setSelectionRange(t.value.length, t.value.length);
  });
}

test('the report: outline, a section written with live preview, save, publish and exports', async () => {
  assert.ok(SAVE_DIR, 'run through tests/e2e/run.sh (BPF_DESK_SAVE_DIR)');
  const pdf = join(SAVE_DIR, 'best-practice-forum-on-cybersecurity-2020-draft.pdf');
  const docx = join(SAVE_DIR, 'best-practice-forum-on-cybersecurity-2020-draft.docx');
  rmSync(pdf, { force: true });
  rmSync(docx, { force: true });

  const b = await launch(['--demo']);
  try {
    await waitText(b, 'project-title', 'Best Practice Forum on Cybersecurity');
    await click(b, 'nav-report');
    await waitText(b, 'report-view', 'Outline');

    // The template's fourteen sections in order: front matter unnumbered, chapters lettered,
    // the generated annexes numbered; the first section opens with its guidance.
    let rows = [];
    await b.waitUntil(async () => (rows = await outline(b)).length === 14, { timeout: WAIT });
    assert.deepEqual(rows[0], { kind: 'acknowledgements', number: '', title: 'Acknowledgements', state: '' });
    assert.deepEqual(rows.slice(1, 4).map((r) => [r.kind, r.number]), [['issues', 'A'], ['methodology', 'B'], ['case_studies', 'C']]);
    assert.deepEqual(rows.slice(11).map((r) => [r.kind, r.number]), [
      ['annex_meetings', 'Annex 1'],
      ['annex_work_plan', 'Annex 2'],
      ['annex_contributions', 'Annex 3'],
    ]);
    await waitValue(b, 'section-title', (v) => v === 'Acknowledgements', 'the first section opens');
    await waitText(b, 'section-guidance', 'Thank the contributors');
    await waitPreview(b, (h) => h.includes('Acknowledgements</h1>'), 'the acknowledgements');
    await shot(b, 'report-01-outline');

    // Case studies: guidance, then Markdown typed with a heading, #, $ and an observations box.
    await clickCss(b, '[data-kind="case_studies"] [data-testid="outline-select"]');
    await waitValue(b, 'section-title', (v) => v === 'Case studies and best practices', 'case studies open');
    await waitText(b, 'section-guidance', 'Key component: the case studies and best practices collected.');
    await waitText(b, 'editor-number', 'C');
    const before = await value(b, 'section-body');
    const added =
      '\n\n# Costs in region #3\n\nA national CERT spent $5,000 on Quokkaflux drills in region #3.\n\n' +
      '::: observations\nZephyrine exercises were repeated every quarter.\n:::\n';
    await fill(b, 'section-body', before + added);
    // And some real typing at the end.
    await cursorToEnd(b);
    await (await b.$(sel('section-body'))).addValue('Typed live: 100% & <ok>.');
    await waitValue(b, 'section-body', (v) => v.endsWith('Typed live: 100% & <ok>.'), 'the typed text');
    await waitText(b, 'save-state', 'Unsaved changes');
    let html = await waitPreview(b, (h) => h.includes('Typed live: 100% &amp; &lt;ok&gt;.'), 'the typed text');
    assert.match(html, /<h2 id="[^"]+"><span class="num">C\.\d+<\/span> Costs in region #3/);
    assert.ok(html.includes('A national CERT spent $5,000 on Quokkaflux drills in region #3.'), html);
    const box = await textOf(b, 'section-preview');
    assert.ok(box.includes('Zephyrine exercises were repeated every quarter.'), box);
    const boxes = await b.execute(() =>
      [...document.querySelectorAll('[data-testid="section-preview"] aside.callout.observations')].map((a) => a.textContent),
    );
    assert.ok(boxes.includes('ObservationsZephyrine exercises were repeated every quarter.'), JSON.stringify(boxes));
    // The toolbar: a footnote at the cursor with its text at the end, a cross-reference.
    await cursorToEnd(b);
    await click(b, 'insert-footnote');
    await waitValue(b, 'section-body', (v) => /\[\^(\d+)\]\n\n(?:[\s\S]*\n)?\[\^\1\]: The note's text\.\n$/.test(v), 'a footnote and its text');
    await (await b.$(sel('section-body'))).addValue('Source: CERT survey.');
    await waitPreview(b, (h) => h.includes('Source: CERT survey.') && h.includes('class="footnotes"'), 'the footnote');
    await fill(b, 'insert-reference', 'methodology');
    await waitValue(b, 'section-body', (v) => v.includes('[](#methodology)'), 'the reference');
    await waitPreview(b, (h) => /<span class="md-ref" title="#methodology">[^<]*B[^<]*<\/span>/.test(h), 'the cross-reference');
    await b.execute(() => document.querySelector('[data-testid="preview-scroller"]').scrollTo(0, 1e6));
    await shot(b, 'report-02-editing');

    // Ctrl+S saves; the outline's word count follows.
    const wordsBefore = await textOf(b, 'draft-words');
    await b.keys(['Control', 's']);
    await waitText(b, 'save-state', 'Saved');
    const summary = await b.execute(() => document.querySelector('[data-kind="case_studies"]')?.textContent ?? '');
    assert.ok(summary.includes(wordsBefore), `outline: ${summary} (editor: ${wordsBefore})`);

    // A mistake: an unclosed box is named with its line, and Go to line selects it.
    const saved = await value(b, 'section-body');
    const brokenLine = saved.split('\n').length + 2;
    await fill(b, 'section-body', `${saved}\n\n::: challenges\nNever closed.\n`);
    await waitText(b, 'preview-error', `Line ${brokenLine}: this ::: block is not closed`);
    await click(b, 'go-to-line');
    const selected = await b.execute(() => {
      const t = document.querySelector('[data-testid="section-body"]');
      return t.value.slice(t.selectionStart, t.selectionEnd);
    });
    assert.equal(selected, '::: challenges');
    await shot(b, 'report-03-mistake');

    // Leaving the section with unsaved changes asks first; Keep editing stays, Discard goes.
    await clickCss(b, '[data-kind="issues"] [data-testid="outline-select"]');
    await waitText(b, 'unsaved-dialog', 'Save the changes to “Case studies and best practices”?');
    await shot(b, 'report-04-unsaved');
    await click(b, 'unsaved-cancel');
    await gone(b, 'unsaved-dialog');
    assert.equal(await value(b, 'section-title'), 'Case studies and best practices');
    await click(b, 'revert-section');
    await gone(b, 'preview-error');
    assert.equal(await value(b, 'section-body'), saved);

    // Another view with unsaved changes asks too.
    await fill(b, 'section-body', `${saved}\nOne more line.`);
    await click(b, 'nav-overview');
    await waitText(b, 'unsaved-dialog', 'Save the changes');
    await click(b, 'unsaved-discard');
    await gone(b, 'report-view');
    await click(b, 'nav-report');
    // The report reopens on the section left, with its saved text.
    await waitValue(b, 'section-title', (v) => v === 'Case studies and best practices', 'the report reopens');
    await waitValue(b, 'section-body', (v) => v === saved, 'the saved text, without the discarded line');

    // An annex cannot move before a chapter: the use case's sentence shows.
    await clickCss(b, '[data-kind="annex_meetings"] [data-testid="move-up"]');
    await waitText(b, 'outline-message', 'The acknowledgements come first and the annexes after every chapter');
    assert.equal(await b.execute(() => document.querySelector('[data-testid="outline-message"]').closest('li')?.previousElementSibling?.dataset.kind), 'annex_meetings');
    rows = await outline(b);
    assert.equal(rows[11].kind, 'annex_meetings');
    await shot(b, 'report-05-refused-move');
    // A chapter moves among the chapters (and back), its letter following.
    await clickCss(b, '[data-kind="case_studies"] [data-testid="move-up"]');
    await b.waitUntil(async () => (await outline(b))[2].kind === 'case_studies', { timeout: WAIT });
    rows = await outline(b);
    assert.deepEqual(rows.slice(2, 5).map((r) => [r.kind, r.number, r.state]), [
      ['case_studies', 'B', ''],
      ['methodology', 'C', ''],
      ['regional', '', 'No text yet'],
    ]);
    await waitText(b, 'editor-number', 'B');
    // The keyboard stays on the button pressed, which moved with its row.
    assert.equal(await b.execute(() => document.activeElement?.closest('[data-kind]')?.dataset.kind), 'case_studies');
    await b.keys(['Tab', 'Enter']);
    await b.waitUntil(async () => (await outline(b))[3].kind === 'case_studies', { timeout: WAIT });

    // A chapter of one's own: added before the annexes with its title to type, then deleted.
    await click(b, 'add-chapter');
    await b.waitUntil(async () => (await outline(b)).length === 15, { timeout: WAIT });
    rows = await outline(b);
    assert.deepEqual([rows[11].kind, rows[11].title, rows[11].state], ['chapter', 'New chapter', 'No text yet']);
    await waitValue(b, 'section-title', (v) => v === 'New chapter', 'the new chapter opens');
    assert.equal(await b.execute(() => document.activeElement?.dataset.testid), 'section-title');
    await clickCss(b, '[data-kind="chapter"] [data-testid="delete-section"]');
    await click(b, 'confirm-delete-section');
    await b.waitUntil(async () => (await outline(b)).length === 14, { timeout: WAIT });

    // Export the draft from the current text: PDF, then DOCX, read back.
    await fill(b, 'export-version', 'draft');
    await click(b, 'export-pdf');
    await waitText(b, 'export-done', 'Draft for public comment exported as PDF', 60000);
    await waitText(b, 'export-done', 'from the current text');
    assert.equal(await textOf(b, 'export-path'), pdf);
    await shot(b, 'report-06-exported');
    assert.ok(existsSync(pdf), `${pdf} was not written`);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.ok(text.includes('Quokkaflux'), 'the PDF lacks the typed text');
    assert.ok(text.includes('Zephyrine exercises were repeated every quarter.'), 'the PDF lacks the box');
    assert.ok(text.includes('Costs in region #3'), 'the PDF lacks the heading');

    await click(b, 'export-docx');
    await waitText(b, 'export-done', 'Draft for public comment exported as DOCX', 60000);
    assert.equal(await textOf(b, 'export-path'), docx);
    const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8' });
    assert.ok(xml.includes('Quokkaflux'), 'the DOCX lacks the typed text');
    assert.ok(xml.includes('Zephyrine exercises were repeated every quarter.'), 'the DOCX lacks the box');

    // Publish: a draft without a deadline is refused inline; with one it is listed, and exports
    // of the draft then come from the publication.
    await click(b, 'open-publish');
    await waitText(b, 'publish-dialog', 'Publish the report');
    await click(b, 'publish-draft');
    await fill(b, 'publish-date', '2020-09-28');
    await waitText(b, 'publish-date-long', 'Mon 28 September 2020');
    await fill(b, 'publish-deadline', '');
    await click(b, 'publish-submit');
    await waitText(b, 'publish-error', 'A draft for public comment needs a comment deadline');
    await shot(b, 'report-07-publish-refused');
    await fill(b, 'publish-deadline', '2020-10-20');
    await click(b, 'publish-submit');
    await gone(b, 'publish-dialog');
    await waitText(b, 'report-notice', 'Draft for public comment published on 28 September 2020, comments until 20 October 2020');
    await waitText(b, 'report-publications', 'Published 28 September 2020');
    await waitText(b, 'report-publications', 'Comments until 20 October 2020');
    await waitText(b, 'report-status', 'Draft published on 28 September 2020, comments until 20 October 2020.');
    await click(b, 'export-pdf');
    await waitText(b, 'export-done', 'from the draft for public comment published on 28 September 2020', 60000);
    await shot(b, 'report-08-published');

    // The methodology: the writers' words, then the BPF's activities made from the project data.
    await clickCss(b, '[data-kind="methodology"] [data-testid="outline-select"]');
    await waitValue(b, 'section-title', (v) => v === 'Methodology and BPF activities', 'the methodology opens');
    html = await waitPreview(b, (h) => h.includes('The BPF’s activities in figures'), 'the activities');
    await b.execute(() => document.querySelector('[data-testid="section-preview"] h2')?.scrollIntoView({ block: 'start' }));
    await shot(b, 'report-09-methodology');

    // The narrowest window: nothing sticks out sideways; text and preview stack.
    await b.setWindowSize(960, 640);
    await b.waitUntil(async () => (await b.execute(() => window.innerWidth)) <= 960, { timeout: WAIT });
    const overflow = await b.execute(() => {
      const v = document.querySelector('[data-testid="report-view"]');
      return [...v.querySelectorAll('*')]
        .filter((e) => e.getBoundingClientRect().right > v.getBoundingClientRect().right + 1)
        .map((e) => e.className || e.tagName)
        .slice(0, 5);
    });
    assert.deepEqual(overflow, []);
    await shot(b, 'report-10-narrow');
  } finally {
    await b.deleteSession();
  }
});
