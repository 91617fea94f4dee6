/**
 * The plan's folder (scripts, PLAN.md, plan.json, requests) as a cdktf directory asset,
 * written once: straight into `cdktf.out/stacks/<stack>/assets/<asset>/<hash>/` at synth,
 * not first to a staging folder that cdktf then copies (at 300 servers that was two full
 * writes of several MB and ~1,000 files).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AssetType, ISynthesisSession, TerraformAsset, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { compareText } from '../model/names';
import { GeneratedFile } from './generated-file';

/**
 * How cdktf finds a construct's synthesis step (cdktf 0.21 `addCustomSynthesis`, which the
 * package does not export; TerraformAsset uses the same key). The step of a construct runs
 * after those of the constructs before it in the tree (post-order).
 */
const CUSTOM_SYNTHESIS = Symbol.for('cdktf/customSynthesis');

/** A file's path and its content as UTF-8, encoded once for the hash and the write. */
interface EncodedFile {
  readonly path: string;
  readonly bytes: Buffer;
}

/**
 * The files as UTF-8 bytes. Node encodes a string with `Buffer.from` many times faster
 * than when a hash or a file write is handed the string (a megabyte of plan.json: about
 * 1 ms against 10 to 20 ms, each time).
 */
function encode(ordered: readonly GeneratedFile[]): EncodedFile[] {
  return ordered.map((f) => ({ path: f.path, bytes: Buffer.from(f.content, 'utf8') }));
}

const NUL = Buffer.from([0]);

/**
 * The content hash cdktf names the folder after: SHA-256 of each path and content, each
 * followed by a NUL byte. The same files give the same path on every machine.
 */
function planFilesHash(files: readonly EncodedFile[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.path).update(NUL).update(f.bytes).update(NUL);
  return hash.digest('hex').slice(0, 32).toUpperCase();
}

/**
 * Adds the asset `id` under `scope` with the files. cdktf is given an empty private folder
 * (mkdtemp, removed when the process exits; nothing in the output refers to it), so its own
 * synthesis step only makes the asset folder and removes earlier versions of it; the step
 * of a sibling construct added right after it then writes the files there.
 */
export function addPlanFiles(scope: Construct, id: string, files: readonly GeneratedFile[]): TerraformAsset {
  const encoded = encode([...files].sort((a, b) => compareText(a.path, b.path)));
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-exchange-plan-'));
  process.once('exit', () => fs.rmSync(empty, { recursive: true, force: true }));
  const asset = new TerraformAsset(scope, id, { path: empty, type: AssetType.DIRECTORY, assetHash: planFilesHash(encoded) });
  const writer = new Construct(scope, `${id}-writer`);
  Object.defineProperty(writer, CUSTOM_SYNTHESIS, {
    value: { onSynthesize: (session: ISynthesisSession) => writeFiles(assetFolder(session, asset), encoded) },
    enumerable: false,
  });
  return asset;
}

/** Where cdktf put the asset's folder: `<outdir>/stacks/<stack>/<asset.path>`. */
function assetFolder(session: ISynthesisSession, asset: TerraformAsset): string {
  const stackFile = session.manifest.forStack(TerraformStack.of(asset)).synthesizedStackPath;
  return path.join(session.manifest.outdir, path.dirname(stackFile), ...asset.path.split('/'));
}

function writeFiles(folder: string, ordered: readonly EncodedFile[]): void {
  if (!fs.existsSync(folder)) throw new Error(`ExchangeCertificatePlan: cdktf did not make the asset folder ${folder} before the plan's files were written (cdktf version other than 0.21?)`);
  const made = new Set<string>();
  for (const f of ordered) {
    const target = path.join(folder, ...f.path.split('/'));
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    fs.writeFileSync(target, f.bytes);
  }
}
