/**
 * Hosted zone ids as AWS prints them: the bare id and `/hostedzone/<id>` are accepted and the
 * plan (and so every Route53 record) holds the bare id; ids that do not start with Z (as moto
 * makes them) are ids too; what cannot be an id is refused naming the prop and the value.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PlanInputError } from '../../src';
import { buildPlan } from '../../src/model/plan';
import { parseHostedZoneId } from '../../src/model/hosted-zone-id';
import { contoso } from '../fixtures/contoso';

describe('hosted zone ids', () => {
  for (const [given, bare] of [
    ['Z0123456789ABCDEFGHIJ', 'Z0123456789ABCDEFGHIJ'],
    ['/hostedzone/Z0123456789ABCDEFGHIJ', 'Z0123456789ABCDEFGHIJ'],
    ['hostedzone/Z0123456789ABCDEFGHIJ', 'Z0123456789ABCDEFGHIJ'],
    ['HTVCDKNBUWMSTM64N57MWT', 'HTVCDKNBUWMSTM64N57MWT'],
  ]) {
    test(`'${given}' is the zone '${bare}' in every record`, () => {
      const plan = buildPlan(contoso('sanCertificate', { hostedZones: { 'contoso.com': given } }));
      assert.equal(plan.inputs.hostedZones['contoso.com'], bare);
      assert.ok(plan.dnsRecords.length > 0);
      for (const r of plan.dnsRecords) assert.equal(r.zoneId, bare, r.id);
    });
  }

  for (const bad of ['', 'contoso-zone', 'z0123456789abcdefghij', '/hostedzone/', '/hostedzone/Z01/extra', 'Z'.repeat(33), 'arn:aws:route53:::hostedzone/Z0123']) {
    test(`'${bad}' is refused naming the prop and the value`, () => {
      assert.throws(
        () => buildPlan(contoso('sanCertificate', { hostedZones: { 'contoso.com': bad } })),
        (e: unknown) => e instanceof PlanInputError && e.prop === "hostedZones['contoso.com']" && e.value === bad && /hosted zone id/.test(e.message),
      );
    });
  }

  test('a value that is not a string is refused', () => {
    assert.throws(() => parseHostedZoneId('hostedZones', 42), (e: unknown) => e instanceof PlanInputError && e.value === 42);
  });
});
