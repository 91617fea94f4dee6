#!/usr/bin/env node
// Runs the compiled test files (lib/test/**/*.test.js) with node's test runner, in suites:
//   unit     everything not below (model, review, CSR, terraform validate/plan, grammar)
//   scripts  lib/test/exchange-sim/**  the PowerShell scripts run against the simulated Exchange
//   deploy   lib/test/deploy/**        apply / change / destroy every example against moto
//   package  lib/test/package/**       npm pack, installed into fresh CJS/ESM/TypeScript projects (npm registry)
// The suites are independent, so `all` starts each as one process, in parallel, and prints
// each suite's output when it ends (whole, not interleaved), then one closing line:
//   tests: N passed, N failed, N skipped
// Usage: node scripts/run-tests.js [--suite unit|scripts|deploy|package|all] [filter...]
//        (filters match file paths; the default suite is `all`)
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const testRoot = path.join(root, 'lib', 'test');
const SUITES = {
  scripts: (rel) => rel.startsWith('exchange-sim/'),
  deploy: (rel) => rel.startsWith('deploy/'),
  unit: (rel) => !rel.startsWith('exchange-sim/') && !rel.startsWith('deploy/') && !rel.startsWith('package/'),
  package: (rel) => rel.startsWith('package/'),
};

/**
 * Test files run side by side in a suite. The deploy suite's files mostly wait (moto, the
 * provider's Route53 change polling): its three files run at once, each at most three stacks.
 * The others keep node's default (one file per spare core).
 */
const FILE_CONCURRENCY = { deploy: 3 };

function collect(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? collect(path.join(dir, e.name)) : e.name.endsWith('.test.js') ? [path.join(dir, e.name)] : []));
}

function parseArgs(argv) {
  let suite = 'all';
  const filters = [];
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--suite') suite = argv[++i];
    else if (argv[i].startsWith('--suite=')) suite = argv[i].slice('--suite='.length);
    else filters.push(argv[i]);
  }
  if (suite !== 'all' && !SUITES[suite]) {
    console.error(`unknown suite '${suite}': use one of ${Object.keys(SUITES).join(', ')}, all`);
    process.exit(2);
  }
  return { suite, filters };
}

/** Runs one suite's files in one node --test process; resolves with its output and counts. */
function runSuite(name, files, { stream }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [
        '--test',
        ...(FILE_CONCURRENCY[name] ? [`--test-concurrency=${FILE_CONCURRENCY[name]}`] : []),
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        `--test-reporter=${path.join(__dirname, 'summary-reporter.mjs')}`,
        '--test-reporter-destination=stdout',
        ...files.map((f) => path.relative(root, f)),
      ],
      { cwd: root, env: { ...process.env, TEST_SUITE: name }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    const take = (chunk) => {
      const text = chunk.toString();
      out += text;
      if (stream) process.stdout.write(text);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code, signal) => {
      const m = [...out.matchAll(/^tests: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/gm)].pop();
      resolve({
        name,
        code: code ?? 1,
        signal,
        out,
        seconds: Math.round((Date.now() - started) / 1000),
        passed: m ? Number(m[1]) : 0,
        failed: m ? Number(m[2]) : 1,
        skipped: m && m[3] ? Number(m[3]) : 0,
        summarised: Boolean(m),
      });
    });
  });
}

async function main() {
  const { suite, filters } = parseArgs(process.argv.slice(2));
  const all = collect(testRoot).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
  const names = suite === 'all' ? Object.keys(SUITES) : [suite];
  const plan = names
    .map((name) => ({ name, files: all.filter((f) => SUITES[name](path.relative(testRoot, f).split(path.sep).join('/'))) }))
    .filter((s) => s.files.length > 0);
  if (plan.length === 0) {
    console.error(`no test files found under lib/test for suite '${suite}'${filters.length ? ` and filters ${filters.join(' ')}` : ''} (did the build run?)`);
    process.exit(1);
  }
  const stream = plan.length === 1;
  if (!stream) {
    console.log(`running ${plan.length} suites in parallel on ${os.availableParallelism()} cores: ${plan.map((s) => `${s.name} (${s.files.length} files)`).join(', ')}`);
  }
  const results = await Promise.all(
    plan.map((s) =>
      runSuite(s.name, s.files, { stream }).then((r) => {
        if (!stream) console.log(`suite ${r.name} finished in ${r.seconds} s: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
        return r;
      }),
    ),
  );
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const r of results) {
    if (!stream) {
      console.log(`\n===== suite ${r.name} (${r.seconds} s) =====`);
      // Its own closing line is replaced by the combined one below.
      process.stdout.write(r.out.replace(/^tests: \d+ passed, \d+ failed(?:, \d+ skipped)?$/gm, (l) => `suite ${r.name} ${l}`));
    }
    passed += r.passed;
    skipped += r.skipped;
    failed += r.failed;
    if (!r.summarised) console.log(`suite ${r.name} printed no summary (exit ${r.code}${r.signal ? `, signal ${r.signal}` : ''}): counted as 1 failed`);
    else if (r.code !== 0 && r.failed === 0) {
      console.log(`suite ${r.name} exited ${r.code} with no failed test: counted as 1 failed`);
      failed += 1;
    }
  }
  if (stream) {
    // The single suite's reporter already printed the closing line.
    process.exitCode = failed > 0 ? 1 : results[0].code;
    return;
  }
  console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  // Not process.exit(): on a pipe (CI's `| tee`) it drops output still queued, this line included.
  process.exitCode = failed > 0 ? 1 : 0;
}

main();
