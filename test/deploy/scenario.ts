/**
 * A change scenario against moto: one world (fresh zones and, when asked, a Private CA),
 * one stack whose synth changes between steps, and helpers to read what a plan would do.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LocalBackend } from 'cdktf';
import { ExchangeCertificatePlan, ExchangeCertificatePlanProps } from '../../src';
import { DeployedStack, ResourceChange } from './deployed-stack';
import { MotoServer } from './moto';
import { synthHere } from './suite';

export interface World {
  readonly zones: Record<string, string>;
  readonly caArn?: string;
}

export class Scenario {
  public readonly stack: DeployedStack;
  private step = 0;

  constructor(
    public readonly moto: MotoServer,
    public readonly world: World,
    private readonly name: string,
  ) {
    this.stack = new DeployedStack(moto, { caArn: world.caArn }, name);
  }

  /** Synthesizes the plan for `props` (as a user's app would) and loads it into the work folder. */
  public synth(props: ExchangeCertificatePlanProps): string {
    this.step += 1;
    const stackDir = synthHere(this.name, (stack) => {
      new LocalBackend(stack, { path: `terraform.${this.name}.tfstate` });
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      new ExchangeCertificatePlan(stack, 'contoso', props);
    });
    this.stack.load(stackDir);
    return stackDir;
  }

  public async records(zone: string): Promise<{ name: string; type: string; values: string[] }[]> {
    const r = await this.moto.world<{ records: { name: string; type: string; values: string[] }[] }>({ op: 'records', zoneId: this.world.zones[zone] });
    return r.records.filter((x) => x.type !== 'NS' && x.type !== 'SOA');
  }
}

/** The changes of a plan that do something, as 'address: actions'. */
export function effective(changes: readonly ResourceChange[]): string[] {
  return changes.filter((c) => !(c.change.actions.length === 1 && ['no-op', 'read'].includes(c.change.actions[0]))).map((c) => `${c.address}: ${c.change.actions.join('+')}`);
}

/** Changes that delete or replace an existing object. */
export function destructive(changes: readonly ResourceChange[]): string[] {
  return changes.filter((c) => c.change.actions.includes('delete')).map((c) => `${c.address}: ${c.change.actions.join('+')}`);
}

/** Order in which an apply log reports completed operations: 'Creation complete', 'Destruction complete', ... by address. */
export function completionOrder(applyLog: string): { address: string; event: string; line: number }[] {
  const out: { address: string; event: string; line: number }[] = [];
  applyLog.split('\n').forEach((line, i) => {
    const m = /^(\S+?)(?: \(deposed object \w+\))?: (Creation complete|Destruction complete|Modifications complete)/.exec(line.trim());
    if (m) out.push({ address: `${m[1]}${/deposed object/.test(line) ? ' (deposed)' : ''}`, event: m[2], line: i });
  });
  return out;
}
