/**
 * Upgrading: a state made by the previous release (its synth of the example, recorded in
 * fixtures/release-0.1.0) is applied against moto, then this release's synth of the same
 * example is planned and applied. No live certificate or record may be replaced, deleted
 * or revoked (`moved` blocks carry renamed addresses over), and the result converges.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from '../helpers/synth';
import { DeployedStack } from './deployed-stack';
import { destructive, effective } from './scenario';
import { skipWithoutDeployTools, synthExampleHere, withMoto } from './suite';

const skip = skipWithoutDeployTools();
const FIXTURES = path.join(REPO_ROOT, 'test', 'deploy', 'fixtures', 'release-0.1.0');

/**
 * Removals the upgrade makes on purpose. 0.1.0 published CAA 0 issue "amazon.com" alone
 * with acm(), which forbids the servers' own certificate from a public CA; acm() now
 * makes CAA records only with additionalCaaIdentifiers, so those records go (a CAA record
 * going only lifts a restriction; no certificate or address record is touched).
 */
const ALLOWED_REMOVALS: Record<string, string[]> = {
  'contoso-acm-load-balancer': ['aws_route53_record.caa_autodiscover_contoso_com: delete', 'aws_route53_record.caa_mail_contoso_com: delete'],
};

describe('upgrading from release 0.1.0 against moto', { concurrency: 3 }, () => {
  for (const name of ['contoso-acm-private-ca', 'contoso-acm-load-balancer', 'exchange-2019-two-servers']) {
    test(`example ${name}: the previous release's state upgrades without replacing, deleting or revoking anything`, { skip, timeout: 1_200_000 }, async () => {
      const current = synthExampleHere(name);
      const zones = current.plan.plan.inputs.hostedZones;
      await withMoto(async (moto) => {
        const world = await moto.world<{ zones: Record<string, string>; caArn?: string }>({ op: 'setup', zones: Object.keys(zones), privateCa: name.includes('private-ca') });
        const zoneIds = Object.fromEntries(Object.entries(zones).map(([zone, id]) => [id, world.zones[zone]]));
        const stack = new DeployedStack(moto, { zoneIds, caArn: world.caArn }, `upgrade-${name}`);
        stack.load(path.join(FIXTURES, `${name}.cdk.tf.json`), { configOnly: true });
        await stack.init();
        await stack.apply();
        const before = await stack.state();
        const pcaBefore = before.filter((r) => r.type === 'aws_acmpca_certificate').map((r) => String(r.values.arn));

        stack.load(current.stackDir);
        const plan = await stack.plan();
        assert.deepEqual(destructive(plan.changes), ALLOWED_REMOVALS[name] ?? [], `nothing live is replaced or deleted:\n${effective(plan.changes).join('\n')}`);
        for (const c of plan.changes.filter((x) => x.type === 'aws_acmpca_certificate')) {
          assert.deepEqual(c.change.actions, ['no-op'], `${c.address} is carried over by a moved block, not re-issued`);
        }
        await stack.applySaved();
        const after = await stack.state();
        assert.deepEqual(after.filter((r) => r.type === 'aws_acmpca_certificate').map((r) => String(r.values.arn)), pcaBefore, 'the same Private CA certificate is in service');
        for (const arn of pcaBefore) {
          const got = await moto.world<{ state: string }>({ op: 'pcaCertificate', caArn: world.caArn, certificateArn: arn });
          assert.equal(got.state, 'issued', `${arn} is not revoked`);
        }
        assert.deepEqual(effective((await stack.plan()).changes), [], 'converged after the upgrade');
        await stack.destroy();
      });
    });
  }
});
