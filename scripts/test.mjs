#!/usr/bin/env node
// `npm test`: the one test command (README, CI). In order:
//   1. find Chromium (CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome); as root
//      on Debian/Ubuntu, install it with apt-get if missing; otherwise stop and say what to install. Browser
//      tests never skip silently.
//   2. build the CLI and bench (npm run build:node) and type-check (tsc -p .);
//   3. node tests (vitest run, vitest.config.ts);
//   4. build the app (npm run build → dist/) and run the browser tests (vitest.browser.config.ts), which drive
//      Chromium through playwright-core; the path found in step 1 is passed as LDN_SIM_CHROMIUM.
// Both vitest runs also write JSON reports, from which the closing line `tests: N passed, N failed` is counted.
// Exit status 1 if anything failed (a build, the type check, a test, a test file that did not load) or if no
// browser test ran.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const BIN = join(ROOT, 'node_modules', '.bin');
const STEP_TIMEOUT_MS = 15 * 60 * 1000;
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const started = Date.now();
const reportDir = mkdtempSync(join(tmpdir(), 'ldn-sim-test-'));

/** Problems outside individual tests (a build, the type check, a file that did not load), one line each. */
const problems = [];
const tally = { passed: 0, failed: 0, skipped: 0 };
const failedTests = [];
const summary = [];

const say = (s = '') => process.stdout.write(`${s}\n`);
const heading = (s) => say(`\n==> ${s}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function finish() {
  rmSync(reportDir, { recursive: true, force: true });
  say('\n==> summary');
  for (const line of summary) say(`  ${line}`);
  for (const p of problems) say(`  FAILED: ${p}`);
  for (const t of failedTests) say(`  FAILED test: ${t}`);
  say(`  total time ${seconds(Date.now() - started)}`);
  say('');
  say(`tests: ${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`);
  process.exit(tally.failed > 0 ? 1 : 0);
}

function fail(problem) {
  problems.push(problem);
  tally.failed++;
}

const isExecutable = (p) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Runs a command with inherited output; resolves to its exit code (124 on timeout). */
const children = new Set();
function run(cmd, args, { env = {} } = {}) {
  return new Promise((resolve) => {
    // Own process group, so that a timeout or Ctrl-C also ends grandchildren (vitest workers, Chromium).
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env }, detached: true });
    children.add(child);
    const timer = setTimeout(() => {
      say(`\n${cmd} ${args.join(' ')}: still running after ${seconds(STEP_TIMEOUT_MS)}; stopping it`);
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, STEP_TIMEOUT_MS);
    child.on('error', (err) => { say(`${cmd}: ${err.message}`); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve(code ?? (signal === 'SIGKILL' ? 124 : 1));
    });
  });
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const c of children) { try { process.kill(-c.pid, 'SIGTERM'); } catch { /* gone */ } }
    process.exit(130);
  });
}

async function step(label, cmd, args) {
  heading(label);
  const t0 = Date.now();
  const code = await run(cmd, args);
  if (code === 0) summary.push(`${label}: ok (${seconds(Date.now() - t0)})`);
  else fail(`${label} (exit code ${code})`);
  return code === 0;
}

// ---- 1. Chromium --------------------------------------------------------------------------------------------
function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    say(`CHROMIUM_PATH=${fromEnv} is not an executable file.`);
    return undefined;
  }
  return CANDIDATES.find(isExecutable);
}

heading('Chromium');
let chromium = findChromium();
if (!chromium && !process.env.CHROMIUM_PATH) {
  const root = process.getuid?.() === 0;
  const debian = existsSync('/etc/debian_version') && isExecutable('/usr/bin/apt-get');
  if (root && debian) {
    say('Chromium not found; installing the Debian package (apt-get install -y chromium)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update'], ['install', '-y', 'chromium']]) {
      const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
      if (r.status !== 0) { say(`apt-get ${args.join(' ')} failed (exit code ${r.status}).`); break; }
    }
    chromium = findChromium();
  }
}
if (!chromium) {
  say('The browser tests need Chromium, and none was found (looked at CHROMIUM_PATH, ' + CANDIDATES.join(', ') + ').');
  say('Install it:   sudo apt-get install chromium        (Debian/Ubuntu)');
  say('or point to one:   CHROMIUM_PATH=/path/to/chromium npm test');
  fail('Chromium not found (sudo apt-get install chromium, or set CHROMIUM_PATH)');
  finish();
}
const version = spawnSync(chromium, ['--version', '--no-sandbox'], { encoding: 'utf8', timeout: 30_000 });
say(`${chromium}: ${(version.stdout || version.stderr || '').trim() || 'version unknown'}`);
process.env.LDN_SIM_CHROMIUM = chromium;

// ---- 2. builds and type check -------------------------------------------------------------------------------
await step('build CLI and bench (npm run build:node)', 'npm', ['run', 'build:node']);
await step('type check (tsc -p .)', join(BIN, 'tsc'), ['-p', '.']);

// ---- 3 and 4. vitest runs -----------------------------------------------------------------------------------
/** Runs vitest with the default and JSON reporters and adds its counts to the tally. Returns tests run. */
async function vitest(label, configArgs) {
  heading(label);
  const json = join(reportDir, `${label.replace(/\W+/g, '-')}.json`);
  const t0 = Date.now();
  const code = await run(join(BIN, 'vitest'), ['run', ...configArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`]);
  let report;
  try {
    report = JSON.parse(readFileSync(json, 'utf8'));
  } catch {
    fail(`${label}: vitest exited with code ${code} and wrote no report`);
    return 0;
  }
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const file of report.testResults ?? []) {
    const rel = (file.name ?? '').replace(`${ROOT}/`, '');
    const tests = file.assertionResults ?? [];
    let failedHere = 0;
    let notRun = 0;
    for (const t of tests) {
      if (t.status === 'passed') counts.passed++;
      else if (t.status === 'failed') { failedHere++; failedTests.push(`${rel} > ${t.fullName ?? t.title}`); }
      else notRun++;
    }
    if (file.status === 'failed' && failedHere === 0) {
      // The file itself failed (import error, beforeAll threw): its tests did not run, which is a failure.
      const why = String(file.message ?? '').split('\n')[0]
        || `failed outside its tests (an import or a beforeAll/afterAll hook), so ${notRun || 'its'} test(s) did not run; see the output above`;
      failedHere = Math.max(1, notRun);
      notRun = 0;
      problems.push(`${rel}: ${why}`);
    }
    counts.failed += failedHere;
    counts.skipped += notRun;
  }
  if (code !== 0 && counts.failed === 0) {
    counts.failed++;
    problems.push(`${label}: vitest exited with code ${code} (unhandled error or no test files; see its output above)`);
  }
  tally.passed += counts.passed;
  tally.failed += counts.failed;
  tally.skipped += counts.skipped;
  summary.push(`${label}: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''} (${seconds(Date.now() - t0)})`);
  return counts.passed + counts.failed;
}

await vitest('node tests', []);

if (await step('build the app (npm run build)', 'npm', ['run', 'build'])) {
  const ran = await vitest('browser tests', ['--config', 'vitest.browser.config.ts']);
  if (ran === 0) fail('no browser test ran');
} else {
  problems.push('browser tests not run: the app build failed');
}

finish();
