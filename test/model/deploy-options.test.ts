/**
 * Props that concern what is already deployed: CAA with acm() (never forbidding the servers'
 * own certificate), retained Private CA issuances, existing validation records and listener
 * ARNs. Each bad value is refused naming the prop and the value, before anything is written.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { CertificateIssuer, CertificateRequest, ExchangeCertificatePlan, ExchangeCertificatePlanProps, PlanInputError } from '../../src';
import { buildPlan } from '../../src/model/plan';
import { contoso } from '../fixtures/contoso';
import { listFiles, tempDir } from '../helpers/synth';

const CA = 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555';
const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/exchange/50dc6c495c0c9188/f2f7dc8efc522ab2';

function synth(props: ExchangeCertificatePlanProps): { json: Record<string, Record<string, Record<string, unknown>>>; outdir: string } {
  const outdir = tempDir('deploy-options');
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'contoso');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new ExchangeCertificatePlan(stack, 'contoso', props);
  app.synth();
  return { json: JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'contoso', 'cdk.tf.json'), 'utf8')), outdir };
}

function refused(props: ExchangeCertificatePlanProps, prop: string, value: string): void {
  const outdir = tempDir('deploy-options-bad');
  assert.throws(
    () => {
      const app = new App({ outdir });
      new ExchangeCertificatePlan(new TerraformStack(app, 'contoso'), 'contoso', props);
      app.synth();
    },
    (e: unknown) => e instanceof PlanInputError && e.prop === prop && e.message.includes(value),
  );
  assert.deepEqual(fs.existsSync(outdir) ? listFiles(outdir) : [], [], 'nothing written');
}

describe('CAA with ACM never forbids the servers\' own certificate', () => {
  test('acm() alone makes no CAA record', () => {
    const plan = buildPlan(contoso('sanCertificate', { issuer: CertificateIssuer.acm() }));
    assert.deepEqual(plan.dnsRecords.filter((r) => r.type === 'CAA'), []);
  });
  test("with the servers' CA in additionalCaaIdentifiers both may issue", () => {
    const plan = buildPlan(contoso('sanCertificate', { issuer: CertificateIssuer.acm(), additionalCaaIdentifiers: ['digicert.com'] }));
    const caa = plan.dnsRecords.filter((r) => r.type === 'CAA');
    assert.equal(caa.length, 2);
    for (const r of caa) assert.deepEqual(r.values, ['0 issue "amazon.com"', '0 issue "digicert.com"']);
  });
  test('caaRecords: true with acm() and no other CA is refused', () => {
    assert.throws(
      () => buildPlan(contoso('sanCertificate', { issuer: CertificateIssuer.acm(), caaRecords: true })),
      (e: unknown) => e instanceof PlanInputError && e.prop === 'additionalCaaIdentifiers' && /EXC-CAA-BLOCKS-SERVER-CERTIFICATE/.test(e.message),
    );
  });
});

describe('deployed-state props', () => {
  const pca = (retainedIssuances: string[]) =>
    contoso('sanCertificate', {
      issuer: CertificateIssuer.acmPrivateCa({ certificateAuthorityArn: CA, retainedIssuances }),
      certificateRequest: CertificateRequest.generateLocally({ privateKeyPath: path.join(tempDir('keys'), 'k.key') }),
    });

  test('a retained issuance is rendered with every argument ignored, beside the current one, and PLAN findings say when it stops working', () => {
    const { json } = synth(pca(['exchange@0badc0de']));
    const names = Object.keys(json.resource.aws_acmpca_certificate).sort();
    assert.equal(names.length, 2);
    assert.ok(names.includes('acmpca_exchange_0badc0de'));
    assert.deepEqual((json.resource.aws_acmpca_certificate.acmpca_exchange_0badc0de as { lifecycle: unknown }).lifecycle, { ignore_changes: 'all' });
    const findings = buildPlan(pca(['exchange@0badc0de'])).findings.map((f) => f.id);
    assert.ok(findings.includes('EXC-PCA-ISSUANCE') && findings.includes('EXC-PCA-RETAINED'));
  });

  for (const [what, value] of [['a malformed issuance', 'exchange-0badc0de'], ['an unknown certificate', 'mail@0badc0de']]) {
    test(`retainedIssuances: ${what} is refused`, () => refused(pca([value]), 'issuer.retainedIssuances[0]', value));
  }

  test('existingValidationRecords: the name is left to whoever made its record; a name the plan does not validate is refused', () => {
    const props = (existingValidationRecords: string[]) => contoso('sanCertificate', { issuer: CertificateIssuer.acm({ existingValidationRecords }) });
    const { json } = synth(props(['mail.contoso.com']));
    assert.deepEqual(Object.keys(json.resource.aws_route53_record).filter((n) => n.includes('validation')), ['acm_exchange_validation_autodiscover_contoso_com']);
    const fqdns = (json.resource.aws_acm_certificate_validation.acm_exchange_validation as { validation_record_fqdns: string[] }).validation_record_fqdns;
    assert.equal(fqdns.length, 2);
    assert.match(fqdns[1], /o\.domain_name == "mail\.contoso\.com"/);
    refused(props(['owa.contoso.com']), 'issuer.existingValidationRecords[0]', 'owa.contoso.com');
  });

  test('listenerArns: one create-before-destroy attachment per certificate and listener; a non-listener ARN is refused', () => {
    const props = (listenerArns: string[]) => contoso('sanCertificate', { issuer: CertificateIssuer.acm({ listenerArns }) });
    const { json } = synth(props([LISTENER]));
    const attachment = json.resource.aws_lb_listener_certificate.acm_exchange_listener_0 as { listener_arn: string; lifecycle: unknown };
    assert.equal(attachment.listener_arn, LISTENER);
    assert.deepEqual(attachment.lifecycle, { create_before_destroy: true });
    refused(props([CA]), 'issuer.listenerArns[0]', CA);
  });
});
