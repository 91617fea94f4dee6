/**
 * `npm run bench` (not part of `npm test`): wall time, CPU time (user + system) and peak
 * memory of whole node processes (start-up, module loading, construct and synth), each
 * program its own process, compiled JS:
 * 1. the Contoso SAN example against a hand-written cdktf program with the same Terraform;
 * 2. the scaled plan (srvRecord(), public CA, Exchange SE) at 1000 email domains x 300
 *    servers against a hand-written program with the same Terraform, alternately;
 * 3. the scaling table: construct + synth, peak RSS, PLAN.md and plan.json sizes from
 *    1 x 1 to 1000 x 300, and the growth ratios.
 * Prints Markdown tables and exits non-zero when a target is missed.
 * BENCH_ROUNDS (default 5) sets the rounds of 1 and 2, BENCH_SCALE_ROUNDS (default 3) of 3.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const LIB = path.resolve(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SCALE_ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS ?? 3);

interface Sample { ms: number; cpuMs: number; maxRssMb: number; planMdBytes?: number; planMdLines?: number; planJsonBytes?: number }

function findFile(dir: string, name: string): string | undefined {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      const found = findFile(p, name);
      if (found) return found;
    } else if (e.name === name) return p;
  }
  return undefined;
}

function runOnce(script: string, env: NodeJS.ProcessEnv = {}): Sample {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', `process.on('exit',()=>{const u=process.resourceUsage();require('fs').writeSync(3, [u.maxRSS,u.userCPUTime+u.systemCPUTime].join(','))});require(${JSON.stringify(script)})`], {
    cwd: path.dirname(script),
    env: { ...process.env, ...env, CDKTF_OUTDIR: outdir },
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  const [maxRssKb, cpuUs] = String(r.output[3] ?? 'NaN,NaN').split(',').map(Number);
  const sample: Sample = { ms, cpuMs: cpuUs / 1000, maxRssMb: maxRssKb / 1024 };
  const md = findFile(outdir, 'PLAN.md');
  const json = findFile(outdir, 'plan.json');
  if (md && json) {
    const text = fs.readFileSync(md, 'utf8');
    Object.assign(sample, { planMdBytes: Buffer.byteLength(text), planMdLines: text.split('\n').length - 1, planJsonBytes: fs.statSync(json).size });
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  return sample;
}

/** The Terraform a program synthesizes, without cdktf's metadata. */
function terraformOf(script: string, stack: string, env: NodeJS.ProcessEnv = {}): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-same-'));
  const r = spawnSync(process.execPath, [script], { cwd: path.dirname(script), env: { ...process.env, ...env, CDKTF_OUTDIR: outdir }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
  fs.rmSync(outdir, { recursive: true, force: true });
  return JSON.stringify(json, (k, v) => (k === '//' ? undefined : v));
}

function sameTerraform(a: string, b: string, stack: string, env: NodeJS.ProcessEnv = {}): void {
  if (terraformOf(a, stack, env) !== terraformOf(b, stack, env)) throw new Error(`${path.basename(b)} no longer declares the same Terraform as ${path.basename(a)} (${JSON.stringify(env)})`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes?: number) => (bytes === undefined ? '-' : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

interface Check { readonly what: string; readonly ok: boolean }
const checks: Check[] = [];
const check = (what: string, ok: boolean) => checks.push({ what, ok });

/** Alternating rounds of a baseline and the library; medians and ratios. */
function sideBySide(title: string, baseline: string, library: string, env: NodeJS.ProcessEnv, limit: number): void {
  runOnce(baseline, env);
  runOnce(library, env);
  const base: Sample[] = [];
  const lib: Sample[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    base.push(runOnce(baseline, env));
    lib.push(runOnce(library, env));
  }
  const b = { ms: median(base.map((s) => s.ms)), cpu: median(base.map((s) => s.cpuMs)), mb: median(base.map((s) => s.maxRssMb)) };
  const l = { ms: median(lib.map((s) => s.ms)), cpu: median(lib.map((s) => s.cpuMs)), mb: median(lib.map((s) => s.maxRssMb)) };
  console.log(`\n### ${title} (${ROUNDS} rounds, medians)\n`);
  console.log('| program | construct + synth (wall) | CPU (user + system) | peak RSS |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(`| hand-written cdktf (baseline) | ${b.ms.toFixed(0)} ms | ${b.cpu.toFixed(0)} ms | ${b.mb.toFixed(0)} MB |`);
  console.log(`| ExchangeCertificatePlan | ${l.ms.toFixed(0)} ms | ${l.cpu.toFixed(0)} ms | ${l.mb.toFixed(0)} MB |`);
  const t = l.ms / b.ms;
  const c = l.cpu / b.cpu;
  const m = l.mb / b.mb;
  console.log(`\nlibrary / baseline: time ${t.toFixed(2)}x wall, ${c.toFixed(2)}x CPU; memory ${m.toFixed(2)}x (target at most ${limit}x each)`);
  check(`${title}: wall time ${t.toFixed(2)}x <= ${limit}x`, t <= limit);
  check(`${title}: CPU time ${c.toFixed(2)}x <= ${limit}x`, c <= limit);
  check(`${title}: memory ${m.toFixed(2)}x <= ${limit}x`, m <= limit);
}

const SIZES: readonly [number, number][] = [[1, 1], [10, 20], [100, 20], [1000, 20], [100, 30], [100, 60], [100, 100], [100, 300], [1000, 300]];

function scalingTable(scaled: string): void {
  const rows = new Map<string, { ms: number; cpu: number; mb: number; s: Sample }>();
  for (const [d, s] of SIZES) {
    const env = { BENCH_DOMAINS: String(d), BENCH_SERVERS: String(s) };
    runOnce(scaled, env);
    const samples = Array.from({ length: SCALE_ROUNDS }, () => runOnce(scaled, env));
    rows.set(`${d}x${s}`, { ms: median(samples.map((x) => x.ms)), cpu: median(samples.map((x) => x.cpuMs)), mb: median(samples.map((x) => x.maxRssMb)), s: samples[0] });
  }
  console.log(`\n### Scaling: srvRecord(), public CA, Exchange SE (${SCALE_ROUNDS} rounds, medians)\n`);
  console.log('| email domains x servers | construct + synth (wall) | CPU (user + system) | peak RSS | PLAN.md | plan.json |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [d, s] of SIZES) {
    const r = rows.get(`${d}x${s}`)!;
    console.log(`| ${d} x ${s} | ${(r.ms / 1000).toFixed(2)} s | ${(r.cpu / 1000).toFixed(2)} s | ${r.mb.toFixed(0)} MB | ${kb(r.s.planMdBytes)}, ${r.s.planMdLines} lines | ${kb(r.s.planJsonBytes)} |`);
  }
  const at = (d: number, s: number) => rows.get(`${d}x${s}`)!;
  const domainGrowth = at(1000, 20).ms / at(100, 20).ms;
  const serverGrowth = at(100, 300).ms / at(100, 30).ms;
  console.log(`\ntime(1000 domains) / time(100 domains) at 20 servers: ${domainGrowth.toFixed(2)} (CPU ${(at(1000, 20).cpu / at(100, 20).cpu).toFixed(2)}; target at most 12)`);
  console.log(`time(300 servers) / time(30 servers) at 100 domains: ${serverGrowth.toFixed(2)} (CPU ${(at(100, 300).cpu / at(100, 30).cpu).toFixed(2)}; target at most 12)`);
  check(`growth in domains ${domainGrowth.toFixed(2)} <= 12`, domainGrowth <= 12);
  check(`growth in servers ${serverGrowth.toFixed(2)} <= 12`, serverGrowth <= 12);
  const big = at(1000, 300);
  check(`1000 x 300: ${(big.ms / 1000).toFixed(2)} s wall <= 3 s`, big.ms <= 3000);
  check(`1000 x 300: ${(big.cpu / 1000).toFixed(2)} s CPU <= 3 s`, big.cpu <= 3000);
  check(`1000 x 300: ${big.mb.toFixed(0)} MB <= 500 MB`, big.mb <= 500);
  check(`PLAN.md at 100 x 20: ${kb(at(100, 20).s.planMdBytes)} <= 60 KB`, (at(100, 20).s.planMdBytes ?? Infinity) <= 60 * 1024);
  check(`PLAN.md at 1000 x 300: ${kb(big.s.planMdBytes)} <= 400 KB`, (big.s.planMdBytes ?? Infinity) <= 400 * 1024);
  check(`plan.json at 1000 x 300: ${kb(big.s.planJsonBytes)} <= 8 MB`, (big.s.planJsonBytes ?? Infinity) <= 8 * 1024 * 1024);
}

function main(): void {
  const contoso = path.join(LIB, 'examples', 'contoso-san-certificate', 'main.js');
  const handContoso = path.join(LIB, 'bench', 'handwritten-contoso.js');
  const scaled = path.join(LIB, 'bench', 'scaled-plan.js');
  const handScaled = path.join(LIB, 'bench', 'handwritten-scaled.js');
  for (const f of [contoso, handContoso, scaled, handScaled]) if (!fs.existsSync(f)) throw new Error(`${f} missing: run npm run build first`);
  const big = { BENCH_DOMAINS: '1000', BENCH_SERVERS: '300' };
  sameTerraform(contoso, handContoso, 'contoso-san-certificate');
  sameTerraform(scaled, handScaled, 'scaled', big);

  console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${new Date().toISOString().slice(0, 10)}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  sideBySide('Contoso SAN example', handContoso, contoso, {}, 1.3);
  sideBySide('Scaled plan, 1000 email domains x 300 servers', handScaled, scaled, big, 1.3);
  scalingTable(scaled);

  console.log(`\nload average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (wall times on a busy machine are not comparable)`);
  for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'MISS'} ${c.what}`);
  const ok = checks.every((c) => c.ok);
  console.log(ok ? 'bench: all targets met' : 'bench: TARGET MISSED');
  process.exitCode = ok ? 0 : 1;
}

main();
