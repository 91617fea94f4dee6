/**
 * Every example, as a user would deploy it, against moto: terraform init (provider mirror),
 * apply, a second plan with no changes (-detailed-exitcode 0), destroy, and nothing left in
 * the zones but their NS and SOA. State, work folder and logs are scanned for private keys
 * after each step. At most three examples at once, each with its own moto server.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { exampleNames } from '../helpers/synth';
import { DeployedStack } from './deployed-stack';
import { skipWithoutDeployTools, synthExampleHere, withMoto } from './suite';

const skip = skipWithoutDeployTools();

interface ZoneRecord {
  name: string;
  type: string;
  values: string[];
}

describe('every example applies, converges and destroys against moto', { concurrency: 3 }, () => {
  for (const name of exampleNames()) {
    test(`example ${name}`, { skip, timeout: 900_000 }, async () => {
      const { stackDir, plan } = synthExampleHere(name);
      const config = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
      const zones = plan.plan.inputs.hostedZones;
      await withMoto(async (moto) => {
        const world = await moto.world<{ zones: Record<string, string>; caArn?: string }>({
          op: 'setup',
          zones: Object.keys(zones),
          privateCa: Boolean(config.resource?.aws_acmpca_certificate),
        });
        const zoneIds = Object.fromEntries(Object.entries(zones).map(([zone, id]) => [id, world.zones[zone]]));
        const stack = new DeployedStack(moto, { zoneIds, caArn: world.caArn }, name);
        stack.load(stackDir);
        await stack.init();
        await stack.apply();

        const inConfig = Object.entries<Record<string, unknown>>(config.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));
        const inState = (await stack.state()).map((r) => r.address);
        assert.deepEqual([...inState].sort(), [...inConfig].sort(), 'every resource of cdk.tf.json is in the state');

        const replan = await stack.plan();
        assert.equal(replan.exitCode, 0, `re-plan shows changes: ${replan.changes.filter((c) => c.change.actions.join() !== 'no-op').map((c) => `${c.address} ${c.change.actions}`).join(', ')}`);

        // What the plan publishes is in the zone, as planned.
        const inZone = new Map<string, ZoneRecord[]>();
        for (const zone of Object.keys(zones)) inZone.set(zone, (await moto.world<{ records: ZoneRecord[] }>({ op: 'records', zoneId: world.zones[zone] })).records);
        for (const record of plan.plan.dnsRecords) {
          const found = inZone.get(zoneOf(record.name, zones))!.find((r) => r.name === record.name && r.type === record.type);
          assert.ok(found, `${record.type} ${record.name} is in the zone`);
          assert.deepEqual([...found.values].sort(), [...record.values].sort(), `${record.type} ${record.name} values`);
        }

        await stack.destroy();
        assert.deepEqual(await stack.state(), [], 'nothing left in state');
        for (const zone of Object.keys(zones)) {
          const { records } = await moto.world<{ records: ZoneRecord[] }>({ op: 'records', zoneId: world.zones[zone] });
          assert.deepEqual(records.map((r) => r.type).sort(), ['NS', 'SOA'], `zone ${zone} holds only NS and SOA after destroy`);
        }
      });
    });
  }
});

/** The hosted zone a record name lies in (the longest zone name it ends with). */
function zoneOf(name: string, zones: Readonly<Record<string, string>>): string {
  const match = Object.keys(zones)
    .filter((z) => name === z || name.endsWith(`.${z}`))
    .sort((a, b) => b.length - a.length)[0];
  if (!match) throw new Error(`${name} is in no hosted zone`);
  return match;
}
