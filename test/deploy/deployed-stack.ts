/**
 * One synthesized stack applied against moto: a work folder holding cdk.tf.json, its assets,
 * a `moto_override.tf.json` (provider endpoints, test keys, skip flags, and the moto zone
 * ids / CA ARN in place of the example's), the local state, and the log of every step.
 * After each step the state, the work folder and the logs are scanned for private keys.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findPrivateKeyMaterial } from '../csr/secret-scan';
import { listFiles, tempDir } from '../helpers/synth';
import { terraformEnv } from '../helpers/terraform';
import { MotoServer } from './moto';
import { CommandResult, run } from './processes';

/** The services the stack reaches, all pointed at moto. */
const ENDPOINT_SERVICES = ['acm', 'acmpca', 'ec2', 'elbv2', 'iam', 'route53', 'sts'];

export interface WorldIds {
  /** The stack's zone id (as synthesized) -> the zone id moto gave. Ids not listed stay. */
  readonly zoneIds?: Readonly<Record<string, string>>;
  /** The ACM Private CA every aws_acmpca_certificate is pointed at. */
  readonly caArn?: string;
}

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly change: { readonly actions: readonly string[]; readonly before: Record<string, unknown> | null; readonly after: Record<string, unknown> | null };
  readonly action_reason?: string;
}

export interface StateResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
}

/**
 * The stacks of one test process share a plugin cache (terraformEnv). `terraform init` may
 * write the provider package into it again (the lock file names only this platform's hash),
 * and a command of another stack reading the package through its `.terraform/providers`
 * link at that moment fails ("no package ... cached", "could not read package directory").
 * So init runs alone: one at a time and while no other terraform command of this process
 * runs; every other command runs alongside the others.
 */
class PluginCacheLock {
  private readers = 0;
  private writersPending = 0;
  private writerChain: Promise<void> = Promise.resolve();
  private waiters: (() => void)[] = [];

  public async shared<T>(fn: () => Promise<T>): Promise<T> {
    await this.until(() => this.writersPending === 0);
    this.readers++;
    try {
      return await fn();
    } finally {
      this.readers--;
      this.notify();
    }
  }

  public async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    this.writersPending++;
    const previous = this.writerChain;
    let release!: () => void;
    this.writerChain = new Promise<void>((r) => (release = r));
    try {
      await previous;
      await this.until(() => this.readers === 0);
      return await fn();
    } finally {
      this.writersPending--;
      release();
      this.notify();
    }
  }

  private async until(ready: () => boolean): Promise<void> {
    while (!ready()) await new Promise<void>((r) => this.waiters.push(r));
  }

  private notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

const pluginCache = new PluginCacheLock();

export class DeployedStack {
  public readonly workDir: string;
  /** Every command's output, in order (scanned for keys after each step). */
  public readonly log: string[] = [];

  constructor(
    private readonly moto: MotoServer,
    private readonly ids: WorldIds,
    label: string,
  ) {
    this.workDir = tempDir(`deploy-${label}`);
  }

  /** Puts a (new) synth of the stack (its folder, or with configOnly a cdk.tf.json) in the work folder, keeping state and .terraform. */
  public load(stackDir: string, options: { configOnly?: boolean } = {}): void {
    for (const f of fs.readdirSync(this.workDir)) {
      if (f === 'cdk.tf.json' || f === 'assets') fs.rmSync(path.join(this.workDir, f), { recursive: true, force: true });
    }
    if (options.configOnly) {
      // A cdk.tf.json file on its own (a recorded synth).
      fs.copyFileSync(stackDir, path.join(this.workDir, 'cdk.tf.json'));
      this.writeOverride();
      return;
    }
    for (const f of listFiles(stackDir)) {
      if (f.startsWith('.terraform') || f.endsWith('.tfstate')) continue;
      const target = path.join(this.workDir, f);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(stackDir, f), target);
    }
    this.writeOverride();
  }

  private writeOverride(): void {
    const config = JSON.parse(fs.readFileSync(path.join(this.workDir, 'cdk.tf.json'), 'utf8'));
    const resources: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const [name, r] of Object.entries<Record<string, unknown>>(config.resource?.aws_route53_record ?? {})) {
      const mapped = this.ids.zoneIds?.[String(r.zone_id)];
      if (mapped) (resources.aws_route53_record ??= {})[name] = { zone_id: mapped };
    }
    if (this.ids.caArn) {
      for (const name of Object.keys(config.resource?.aws_acmpca_certificate ?? {})) {
        (resources.aws_acmpca_certificate ??= {})[name] = { certificate_authority_arn: this.ids.caArn };
      }
    }
    const override = {
      provider: {
        aws: [
          {
            access_key: 'testing',
            secret_key: 'testing',
            skip_credentials_validation: true,
            skip_requesting_account_id: true,
            skip_metadata_api_check: true,
            endpoints: [Object.fromEntries(ENDPOINT_SERVICES.map((s) => [s, this.moto.endpoint]))],
          },
        ],
      },
      ...(Object.keys(resources).length > 0 ? { resource: resources } : {}),
    };
    fs.writeFileSync(path.join(this.workDir, 'moto_override.tf.json'), `${JSON.stringify(override, null, 2)}\n`);
  }

  /** Runs terraform in the work folder; throws with the output when the exit code is not allowed. */
  public async terraform(args: string[], allowed: readonly number[] = [0]): Promise<CommandResult> {
    const command = () => run('terraform', args, { cwd: this.workDir, env: terraformEnv(), timeoutMs: 600_000 });
    const r = await (args[0] === 'init' ? pluginCache.exclusive(command) : pluginCache.shared(command));
    this.log.push(`$ terraform ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
    if (!allowed.includes(r.status ?? -1)) {
      throw new Error(`terraform ${args.join(' ')} exited ${r.status} in ${this.workDir}:\n${r.stderr}\n${r.stdout.slice(-4000)}\n--- moto log ---\n${this.moto.recentLog.slice(-3000)}`);
    }
    this.scan(`after terraform ${args[0]}`);
    return r;
  }

  public async init(): Promise<void> {
    await this.terraform(['init', '-input=false', '-no-color']);
  }

  public async apply(): Promise<CommandResult> {
    return this.terraform(['apply', '-auto-approve', '-input=false', '-no-color']);
  }

  /** Plans into `tfplan`; returns the detailed exit code (0 no changes, 2 changes) and the plan as JSON. */
  public async plan(): Promise<{ exitCode: number; changes: ResourceChange[] }> {
    const r = await this.terraform(['plan', '-detailed-exitcode', '-input=false', '-no-color', '-out=tfplan'], [0, 2]);
    const show = await this.terraform(['show', '-json', 'tfplan']);
    const json = JSON.parse(show.stdout) as { resource_changes?: ResourceChange[] };
    return { exitCode: r.status!, changes: json.resource_changes ?? [] };
  }

  /** Applies the plan saved by `plan()`. */
  public async applySaved(): Promise<CommandResult> {
    return this.terraform(['apply', '-input=false', '-no-color', 'tfplan']);
  }

  public async destroy(): Promise<void> {
    await this.terraform(['destroy', '-auto-approve', '-input=false', '-no-color']);
  }

  /** The resources in state now. */
  public async state(): Promise<StateResource[]> {
    const r = await this.terraform(['show', '-json']);
    const json = JSON.parse(r.stdout) as { values?: { root_module?: { resources?: StateResource[] } } };
    return json.values?.root_module?.resources ?? [];
  }

  /** Private key material in the state, the work folder (not the provider binaries) or the logs. */
  public scan(when: string): void {
    const found: string[] = [];
    for (const f of listFiles(this.workDir)) {
      if (f.startsWith('.terraform/')) continue;
      for (const hit of findPrivateKeyMaterial(fs.readFileSync(path.join(this.workDir, f)))) found.push(`${f}: ${hit}`);
    }
    for (const hit of findPrivateKeyMaterial(this.log.join('\n'))) found.push(`log: ${hit}`);
    if (found.length > 0) throw new Error(`private key material ${when}: ${found.join('; ')}`);
  }
}
