// Crash safety of the real app: the window's own buttons start a mail import or a PDF export of
// the report, and the app's process is killed with SIGKILL at spread moments: a hundred times,
// fifty of each (BPF_E2E_CRASH_RUNS sets how many of each). After each kill the project file passes SQLite's integrity check
// and holds every message of the import or none of them, and the export left a whole PDF or none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAVE_DIR, click, launch, waitText } from './driver.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CORPUS = process.env.BPF_MAIL_CORPUS ?? resolve(ROOT, '../shared/mail-corpus');
const ARCHIVES = process.env.BPF_DESK_OPEN_ARCHIVES;
const CLI = process.env.BPF_DESK_CLI;
const RUNS = Number(process.env.BPF_E2E_CRASH_RUNS ?? 50);

const sqlite = (file, sql) => execFileSync('sqlite3', [file, sql], { encoding: 'utf8' }).trim();
const pdfs = () => readdirSync(SAVE_DIR).filter((f) => f.endsWith('.pdf'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The app process running on `file` (its command line names the file). */
function appPid(file) {
  const out = execFileSync('pgrep', ['-f', `bpf-desk-app ${file}$`], { encoding: 'utf8' }).trim();
  return Number(out.split('\n')[0]);
}

test('the app killed a hundred times mid import and mid export keeps all or none of the work', async () => {
  assert.ok(ARCHIVES && CLI && SAVE_DIR, 'run through tests/e2e/run.sh');
  rmSync(ARCHIVES, { force: true, recursive: true });
  mkdirSync(ARCHIVES);
  const source = join(CORPUS, 'pipermail-twisted-web');
  for (const f of readdirSync(source)) symlinkSync(join(source, f), join(ARCHIVES, f));
  const work = join(SAVE_DIR, '..', 'crash');
  mkdirSync(work, { recursive: true });
  const base = join(work, 'base.bpfdesk');
  execFileSync(CLI, ['demo', base, '--force']);
  const tally = { import: [0, 0], export: [0, 0] };
  for (let i = 0; i < RUNS * 2; i += 1) {
    const job = i % 2 === 0 ? 'import' : 'export';
    const file = join(work, `crash-${i}.bpfdesk`);
    copyFileSync(base, file);
    for (const f of pdfs()) rmSync(join(SAVE_DIR, f));
    const b = await launch([file]);
    let pid;
    try {
      await waitText(b, 'project-title', 'Best Practice Forum on Cybersecurity');
      pid = appPid(file);
      if (job === 'import') {
        await click(b, 'nav-mail');
        await click(b, 'import-mail-folder');
      } else {
        await click(b, 'nav-report');
        await click(b, 'export-pdf');
      }
      // Spread over the work's run and a little past it (an import here takes about a second).
      await sleep(((i * 37) % 100) * 15);
      process.kill(pid, 'SIGKILL');
    } finally {
      await b.deleteSession().catch(() => {});
    }
    for (let t = 0; t < 50; t += 1) {
      try { process.kill(pid, 0); await sleep(100); } catch { break; }
    }
    assert.equal(sqlite(file, 'PRAGMA integrity_check'), 'ok', `run ${i}: ${job}: integrity`);
    if (job === 'import') {
      const n = Number(sqlite(file, 'SELECT count(*) FROM mail_message'));
      assert.ok(n === 0 || n === 5371, `run ${i}: the import left ${n} of 5,371 messages`);
      tally.import[n === 0 ? 0 : 1] += 1;
    } else {
      const written = pdfs();
      assert.ok(written.length <= 1, `run ${i}: ${written}`);
      if (written.length === 1) {
        const bytes = readFileSync(join(SAVE_DIR, written[0]));
        assert.ok(bytes.subarray(0, 5).toString() === '%PDF-' && bytes.subarray(-16).toString().includes('%%EOF'), `run ${i}: a torn PDF`);
      }
      tally.export[written.length] += 1;
    }
    execFileSync(CLI, ['plan', file]);
    rmSync(file, { force: true });
  }
  console.log(`app killed ${RUNS * 2} times: import none/all ${tally.import.join('/')}, export none/all ${tally.export.join('/')}`);
  assert.ok(tally.import[0] > 0 && tally.export[0] > 0, 'some runs were cut before the work was done');
});
