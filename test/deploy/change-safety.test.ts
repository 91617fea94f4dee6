/**
 * Changes a user makes after the first deploy, applied against moto, each asserting what
 * an infrastructure engineer must be able to rely on: no certificate in service revoked or
 * stranded, no record taken over or left pointing at nothing, every step converging.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CertificateIssuer, CertificateRequest, CertificateStrategy, ExchangeCertificatePlanProps, ExchangeVersion } from '../../src';
import { contoso } from '../fixtures/contoso';
import { tempDir } from '../helpers/synth';
import { completionOrder, destructive, effective, Scenario } from './scenario';
import { skipWithoutDeployTools, withMoto } from './suite';

const skip = skipWithoutDeployTools();
const OPTIONS = { skip, timeout: 1_200_000 };

async function scenario(name: string, setup: { zones: string[]; privateCa?: boolean }, body: (s: Scenario) => Promise<void>): Promise<void> {
  await withMoto(async (moto) => {
    const world = await moto.world<{ zones: Record<string, string>; caArn?: string }>({ op: 'setup', ...setup });
    const s = new Scenario(moto, world, name);
    await body(s);
  });
}

/** Zones as `aws route53 create-hosted-zone` prints them: '/hostedzone/<id>'. */
function zonesAsPrinted(s: Scenario, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, `/hostedzone/${s.world.zones[n]}`]));
}

async function applyAndConverge(s: Scenario): Promise<string> {
  const r = await s.stack.apply();
  const again = await s.stack.plan();
  assert.deepEqual(effective(again.changes), [], 're-plan after apply shows no changes');
  assert.equal(again.exitCode, 0);
  return r.stdout;
}

describe('change scenarios against moto', { concurrency: 3 }, () => {
  const contosoProps = (s: Scenario, o: Partial<ExchangeCertificatePlanProps>): ExchangeCertificatePlanProps =>
    contoso('sanCertificate', {
      servers: [
        { name: 'SERVER01', fqdn: 'server01.contoso.local', ipv4: '192.168.10.11' },
        { name: 'SERVER02', fqdn: 'server02.contoso.local', ipv4: '192.168.10.12' },
      ],
      hostedZones: zonesAsPrinted(s, ['contoso.com', 'fabrikam.com']),
      ...o,
    });

  test('Contoso SAN, public CA: add an email domain, remove a server', OPTIONS, async () => {
    await scenario('contoso-domain-server', { zones: ['contoso.com', 'fabrikam.com'] }, async (s) => {
      s.synth(contosoProps(s, {}));
      await s.stack.init();
      await applyAndConverge(s);
      assert.deepEqual((await s.records('contoso.com')).map((r) => `${r.type} ${r.name}`).sort(), ['A autodiscover.contoso.com', 'A mail.contoso.com', 'CAA autodiscover.contoso.com', 'CAA mail.contoso.com']);

      // Add an email domain: only new records, nothing replaced or deleted.
      s.synth(contosoProps(s, { additionalEmailDomains: ['fabrikam.com'] }));
      let plan = await s.stack.plan();
      assert.deepEqual(destructive(plan.changes), [], 'adding a domain deletes or replaces nothing');
      assert.ok(effective(plan.changes).some((c) => c.includes('autodiscover_fabrikam_com') && c.endsWith('create')), effective(plan.changes).join('\n'));
      await s.stack.applySaved();
      assert.ok((await s.records('fabrikam.com')).some((r) => r.name === 'autodiscover.fabrikam.com' && r.type === 'A'));

      // Remove a server: the external DNS does not depend on it.
      s.synth(contosoProps(s, { additionalEmailDomains: ['fabrikam.com'], servers: [{ name: 'SERVER01', fqdn: 'server01.contoso.local', ipv4: '192.168.10.11' }] }));
      plan = await s.stack.plan();
      assert.deepEqual(effective(plan.changes), [], 'removing a server changes no DNS record');

      await s.stack.destroy();
      for (const zone of ['contoso.com', 'fabrikam.com']) assert.deepEqual(await s.records(zone), [], `${zone} is empty after destroy`);
    });
  });

  test('Contoso: switch sanCertificate() to srvRecord(), then rename the host the SRV records point at', OPTIONS, async () => {
    await scenario('contoso-srv-rename', { zones: ['contoso.com', 'fabrikam.com'] }, async (s) => {
      s.synth(contosoProps(s, { additionalEmailDomains: ['fabrikam.com'] }));
      await s.stack.init();
      await applyAndConverge(s);

      // Switch to srvRecord(): the autodiscover A records go, SRV records come, mail stays.
      const srv = (o: Partial<ExchangeCertificatePlanProps>) => contosoProps(s, { additionalEmailDomains: ['fabrikam.com'], strategy: CertificateStrategy.srvRecord(), ...o });
      s.synth(srv({}));
      let plan = await s.stack.plan();
      assert.ok(!destructive(plan.changes).some((c) => c.includes('mail_contoso_com')), `mail records stay: ${destructive(plan.changes).join(', ')}`);
      await s.stack.applySaved();
      let contosoRecords = await s.records('contoso.com');
      assert.deepEqual(contosoRecords.find((r) => r.type === 'SRV' && r.name === '_autodiscover._tcp.contoso.com')?.values, ['0 0 443 mail.contoso.com']);
      assert.ok(!contosoRecords.some((r) => r.name === 'autodiscover.contoso.com'), 'the autodiscover records are gone');

      // Rename the external host name: the SRV records move to the new name, which exists
      // before any SRV points at it, and the old name goes only after no SRV points at it.
      s.synth(srv({ externalHostname: 'webmail.contoso.com' }));
      plan = await s.stack.plan();
      const applied = await s.stack.applySaved();
      const order = completionOrder(applied.stdout);
      const at = (address: string, event: string) => order.findIndex((o) => o.address === address && o.event === event);
      const newA = at('aws_route53_record.a_webmail_contoso_com', 'Creation complete');
      const oldA = at('aws_route53_record.a_mail_contoso_com', 'Destruction complete');
      assert.ok(newA >= 0 && oldA >= 0, applied.stdout);
      const srvChanges = order.filter((o) => o.address.includes('srv_') && o.event !== 'Creation complete');
      assert.equal(srvChanges.length, 2, 'both SRV records (contoso.com, fabrikam.com) move');
      for (const srvChange of srvChanges) {
        assert.ok(srvChange.line > order[newA].line, `${srvChange.address} changes after webmail exists`);
        assert.ok(srvChange.line < order[oldA].line, `${srvChange.address} changes before mail goes`);
      }
      contosoRecords = await s.records('contoso.com');
      assert.deepEqual(contosoRecords.find((r) => r.type === 'SRV')?.values, ['0 0 443 webmail.contoso.com']);
      assert.deepEqual(effective((await s.stack.plan()).changes), []);

      await s.stack.destroy();
      for (const zone of ['contoso.com', 'fabrikam.com']) assert.deepEqual(await s.records(zone), [], `${zone} is empty after destroy`);
    });
  });

  test('ACM Private CA: a new request is a new issuance; the one in service is revoked only when it leaves retainedIssuances', OPTIONS, async () => {
    await scenario('private-ca-reissue', { zones: ['contoso.com'], privateCa: true }, async (s) => {
      const keys = tempDir('reissue-keys');
      const props = (key: string, retainedIssuances?: string[]) =>
        contoso('sanCertificate', {
          exchangeVersion: ExchangeVersion.EXCHANGE_2019,
          hostedZones: zonesAsPrinted(s, ['contoso.com']),
          issuer: CertificateIssuer.acmPrivateCa({ certificateAuthorityArn: s.world.caArn!, validityDays: 365, retainedIssuances }),
          certificateRequest: CertificateRequest.generateLocally({ privateKeyPath: path.join(keys, key) }),
        });
      s.synth(props('first.key'));
      await s.stack.init();
      await applyAndConverge(s);
      const issued = async () => (await s.stack.state()).filter((r) => r.type === 'aws_acmpca_certificate').map((r) => ({ name: r.name, arn: String(r.values.arn) }));
      const [first] = await issued();
      const firstLabel = `exchange@${first.name.slice('acmpca_exchange_'.length)}`;
      const status = async (arn: string) => (await s.moto.world<{ state: string }>({ op: 'pcaCertificate', caArn: s.world.caArn, certificateArn: arn })).state;
      assert.equal(await status(first.arn), 'issued');

      // A new key (so a new request) without retaining the one in service: the plan would revoke it.
      s.synth(props('second.key'));
      let plan = await s.stack.plan();
      assert.deepEqual(destructive(plan.changes), [`aws_acmpca_certificate.${first.name}: delete`], 'without retainedIssuances the old issuance would be deleted (revoked): the prop is what keeps it');

      // Retained: the new issuance is added, nothing is deleted, the old one stays valid.
      s.synth(props('second.key', [firstLabel]));
      plan = await s.stack.plan();
      assert.deepEqual(destructive(plan.changes), [], 'the issuance in service is kept');
      assert.deepEqual(effective(plan.changes).filter((c) => c.startsWith('aws_acmpca_certificate')).map((c) => c.split(': ')[1]), ['create']);
      await s.stack.applySaved();
      const both = await issued();
      assert.equal(both.length, 2);
      for (const c of both) assert.equal(await status(c.arn), 'issued', `${c.name} valid after the re-issue`);
      assert.deepEqual(effective((await s.stack.plan()).changes), []);

      // The deliberate later step: the servers have the new certificate, the old issuance leaves the list.
      s.synth(props('second.key'));
      plan = await s.stack.plan();
      assert.deepEqual(destructive(plan.changes), [`aws_acmpca_certificate.${first.name}: delete`]);
      await s.stack.applySaved();
      assert.equal(await status(first.arn), 'revoked', 'the retired issuance is revoked');
      const [current] = await issued();
      assert.equal(await status(current.arn), 'issued', 'the new issuance stays valid');
      await s.stack.destroy();
    });
  });

  test('ACM: renaming the external host issues and validates the new certificate before the old one and its records go', OPTIONS, async () => {
    await scenario('acm-rename', { zones: ['contoso.com'] }, async (s) => {
      const props = (externalHostname: string) =>
        contoso('sanCertificate', {
          exchangeVersion: ExchangeVersion.EXCHANGE_SE,
          externalHostname,
          hostedZones: zonesAsPrinted(s, ['contoso.com']),
          issuer: CertificateIssuer.acm(),
          additionalCaaIdentifiers: ['digicert.com'],
        });
      s.synth(props('mail.contoso.com'));
      await s.stack.init();
      await applyAndConverge(s);
      const acm = async () => (await s.moto.world<{ certificates: { arn: string; status: string; names: string[] }[] }>({ op: 'acmCertificates' })).certificates;
      const [old] = await acm();
      assert.equal(old.status, 'ISSUED');

      s.synth(props('webmail.contoso.com'));
      const plan = await s.stack.plan();
      const cert = plan.changes.find((c) => c.address === 'aws_acm_certificate.acm_exchange')!;
      assert.deepEqual(cert.change.actions, ['create', 'delete'], 'the certificate is replaced create-before-destroy');
      const applied = await s.stack.applySaved();
      const order = completionOrder(applied.stdout);
      const index = (pred: (o: { address: string; event: string }) => boolean) => order.findIndex(pred);
      const validated = index((o) => o.address === 'aws_acm_certificate_validation.acm_exchange_validation' && o.event === 'Creation complete');
      const oldCertGone = index((o) => o.address.startsWith('aws_acm_certificate.acm_exchange') && o.event === 'Destruction complete');
      const oldRecordGone = index((o) => o.address === 'aws_route53_record.acm_exchange_validation_mail_contoso_com' && o.event === 'Destruction complete');
      assert.ok(validated >= 0 && oldCertGone >= 0 && oldRecordGone >= 0, applied.stdout);
      assert.ok(validated < oldCertGone, 'the new certificate is validated before the old one is deleted');
      assert.ok(validated < oldRecordGone, "the old name's validation record goes only after the new certificate is validated");
      const now = await acm();
      assert.deepEqual(now.map((c) => c.status), ['ISSUED']);
      assert.ok(now[0].names.includes('webmail.contoso.com'));
      assert.deepEqual(effective((await s.stack.plan()).changes), []);
      await s.stack.destroy();
    });
  });

  test('ACM on a load balancer listener: a name change attaches the new certificate before the old one is detached and deleted', OPTIONS, async () => {
    await scenario('acm-listener', { zones: ['contoso.com'] }, async (s) => {
      const lb = await s.moto.world<{ listenerArn: string; defaultCertificateArn: string }>({ op: 'listener', defaultName: 'lb.example.net' });
      const props = (externalHostname: string) =>
        contoso('sanCertificate', {
          exchangeVersion: ExchangeVersion.EXCHANGE_SE,
          externalHostname,
          hostedZones: zonesAsPrinted(s, ['contoso.com']),
          issuer: CertificateIssuer.acm({ listenerArns: [lb.listenerArn] }),
          additionalCaaIdentifiers: ['digicert.com'],
        });
      // moto keeps the ARNs of deleted certificates on a listener (and ACM delete ignores
      // in_use_by), so after each step every attached ARN must still exist in ACM.
      const check = async (step: string) => {
        const existing = new Set((await s.moto.world<{ certificates: { arn: string }[] }>({ op: 'acmCertificates' })).certificates.map((c) => c.arn));
        const attached = (await s.moto.world<{ certificates: { arn: string }[] }>({ op: 'listenerCertificates', listenerArn: lb.listenerArn })).certificates.map((c) => c.arn);
        for (const arn of attached) assert.ok(existing.has(arn), `${step}: the listener serves ${arn}, which no longer exists`);
        return attached;
      };
      const planned = async () => String((await s.stack.state()).find((r) => r.type === 'aws_acm_certificate')?.values.arn);

      s.synth(props('mail.contoso.com'));
      await s.stack.init();
      await applyAndConverge(s);
      const first = await planned();
      assert.ok((await check('first apply')).includes(first), 'the certificate is attached to the listener');

      s.synth(props('webmail.contoso.com'));
      const plan = await s.stack.plan();
      assert.deepEqual(plan.changes.find((c) => c.address === 'aws_lb_listener_certificate.acm_exchange_listener_0')?.change.actions, ['create', 'delete']);
      const applied = await s.stack.applySaved();
      const order = completionOrder(applied.stdout);
      const attachedNew = order.findIndex((o) => o.address === 'aws_lb_listener_certificate.acm_exchange_listener_0' && o.event === 'Creation complete');
      const detachedOld = order.findIndex((o) => o.address.startsWith('aws_lb_listener_certificate.acm_exchange_listener_0') && o.event === 'Destruction complete');
      const deletedOld = order.findIndex((o) => o.address.startsWith('aws_acm_certificate.acm_exchange') && o.event === 'Destruction complete');
      assert.ok(attachedNew >= 0 && detachedOld > attachedNew && deletedOld > detachedOld, `attach new, detach old, delete old:\n${applied.stdout}`);
      const second = await planned();
      const attached = await check('rename');
      assert.ok(attached.includes(second) && !attached.includes(first));
      assert.deepEqual(effective((await s.stack.plan()).changes), []);

      await s.stack.destroy();
      assert.deepEqual(await check('destroy'), [lb.defaultCertificateArn], 'only the default certificate, made outside the plan, stays');
    });
  });

  test('ACM: a validation record already in the zone is never taken over: apply stops, and existingValidationRecords leaves it alone', OPTIONS, async () => {
    await scenario('acm-existing-validation', { zones: ['contoso.com'] }, async (s) => {
      // Another certificate of the account for mail.contoso.com made this record (the CNAME
      // ACM gives is the same for every certificate of the account with that name; moto's
      // fixed token stands in for it, byte-identical to what the stack would create).
      const existing = { name: '_d930b28be6c5927595552b219965053e.mail.contoso.com.', type: 'CNAME', ttl: 300, values: ['_c9edd76ee4a0e2a74388032f3861cc50.ykybfrwcxw.acm-validations.aws.'] };
      await s.moto.world({ op: 'upsert', zoneId: s.world.zones['contoso.com'], ...existing });
      const props = (existingValidationRecords?: string[]) =>
        contoso('sanCertificate', {
          exchangeVersion: ExchangeVersion.EXCHANGE_SE,
          hostedZones: zonesAsPrinted(s, ['contoso.com']),
          issuer: CertificateIssuer.acm({ existingValidationRecords }),
          additionalCaaIdentifiers: ['digicert.com'],
        });
      s.synth(props());
      await s.stack.init();
      const failed = await s.stack.terraform(['apply', '-auto-approve', '-input=false', '-no-color'], [1]);
      assert.match(failed.stderr, /already exists/, 'the apply stops naming the existing record');
      const stillThere = () => s.records('contoso.com').then((rs) => rs.find((r) => r.type === 'CNAME' && r.name === existing.name.replace(/\.$/, '')));
      assert.deepEqual((await stillThere())?.values, existing.values, 'the record is untouched');

      s.synth(props(['mail.contoso.com']));
      await applyAndConverge(s);
      assert.ok(!(await s.stack.state()).some((r) => r.name === 'acm_exchange_validation_mail_contoso_com'), 'the stack does not manage the existing record');
      await s.stack.destroy();
      assert.deepEqual((await stillThere())?.values, existing.values, 'destroy leaves the existing record in place');
    });
  });
});

