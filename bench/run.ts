/**
 * `npm run bench`: synth wall time and peak memory of the Contoso SAN example against a
 * hand-written cdktf program that declares the same resources, measured alternately in the
 * same run, plus the scaled plan (100 email domains with srvRecord(), 20 servers).
 * Each program runs as its own node process (compiled JS, no ts-node), so start-up,
 * module loading and synth are all counted. Prints a table and exits non-zero when a
 * target is missed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const LIB = path.resolve(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

interface Sample { ms: number; maxRssMb: number }

function runOnce(script: string, cwd: string): Sample {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', `process.on('exit',()=>{require('fs').writeSync(3, String(process.resourceUsage().maxRSS))});require(${JSON.stringify(script)})`], {
    cwd,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  const maxRssKb = Number((r.output[3] as unknown as string) ?? 'NaN');
  fs.rmSync(outdir, { recursive: true, force: true });
  return { ms, maxRssMb: maxRssKb / 1024 };
}

/** The Terraform both programs synthesize, without cdktf's metadata: must be the same. */
function terraformOf(script: string): unknown {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-same-'));
  const r = spawnSync(process.execPath, [script], { cwd: path.dirname(script), env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'contoso-san-certificate', 'cdk.tf.json'), 'utf8'));
  fs.rmSync(outdir, { recursive: true, force: true });
  return JSON.parse(JSON.stringify(json, (k, v) => (k === '//' ? undefined : v)));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const library = path.join(LIB, 'examples', 'contoso-san-certificate', 'main.js');
  const handwritten = path.join(LIB, 'bench', 'handwritten-contoso.js');
  const scaled = path.join(LIB, 'bench', 'scaled-plan.js');
  for (const f of [library, handwritten, scaled]) if (!fs.existsSync(f)) throw new Error(`${f} missing: run npm run build first`);

  const a = JSON.stringify(terraformOf(library));
  const b = JSON.stringify(terraformOf(handwritten));
  if (a !== b) throw new Error(`the hand-written baseline no longer declares the same Terraform as the example:\n${a}\n${b}`);

  // Warm the file system cache once for each.
  runOnce(library, path.dirname(library));
  runOnce(handwritten, path.dirname(handwritten));
  const lib: Sample[] = [];
  const hand: Sample[] = [];
  const big: Sample[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    hand.push(runOnce(handwritten, path.dirname(handwritten)));
    lib.push(runOnce(library, path.dirname(library)));
    big.push(runOnce(scaled, path.dirname(scaled)));
  }
  const row = (name: string, s: Sample[]) => ({ name, ms: median(s.map((x) => x.ms)), mb: median(s.map((x) => x.maxRssMb)) });
  const rows = [row('hand-written cdktf (baseline)', hand), row('ExchangeCertificatePlan, Contoso SAN', lib), row('scaled: 100 domains, 20 servers', big)];
  const timeRatio = rows[1].ms / rows[0].ms;
  const memRatio = rows[1].mb / rows[0].mb;
  console.log(`node ${process.version}, ${os.cpus().length} cores, ${ROUNDS} rounds, medians`);
  console.log('| program | synth wall time | peak RSS |');
  console.log('| --- | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.name} | ${r.ms.toFixed(0)} ms | ${r.mb.toFixed(0)} MB |`);
  console.log(`\nlibrary / baseline: time ${timeRatio.toFixed(2)}x (target <= 1.25x), memory ${memRatio.toFixed(2)}x (target <= 1.25x); scaled plan ${rows[2].ms.toFixed(0)} ms (target < 3000 ms)`);
  const ok = timeRatio <= 1.25 && memRatio <= 1.25 && rows[2].ms < 3000;
  console.log(ok ? 'bench: all targets met' : 'bench: TARGET MISSED');
  process.exitCode = ok ? 0 : 1;
}

main();
