/** Each plan rule, on the plan it inspects: what it reports and what it leaves alone. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPlan, CertificateIssuer, CertificateRequest, CertificateStrategy, ExchangeService, ExchangeVersion, PlanInputError } from '../../src';
import { contoso, CONTOSO_ZONE_ID, FABRIKAM_ZONE_ID, modernTwoServers } from '../fixtures/contoso';

const ids = (props: Parameters<typeof buildPlan>[0]) => buildPlan(props).findings.map((f) => f.id);

describe('plan rules', () => {
  test('internal names: refused for a public CA with the split-DNS remedy, noted for a private CA', () => {
    assert.throws(() => buildPlan(contoso('sanCertificate', { includeInternalNames: true })), (e: unknown) => {
      assert.ok(e instanceof PlanInputError);
      assert.match(e.message, /EXC-INTERNAL-NAMES/);
      assert.match(e.message, /contoso\.local, server01\.contoso\.local, server01/);
      assert.match(e.message, /split DNS/);
      return true;
    });
    assert.ok(ids(contoso('sanCertificate', { includeInternalNames: true, issuer: CertificateIssuer.enterpriseCa({ caConfig: 'ca01.contoso.local\\Contoso CA' }) })).includes('EXC-INTERNAL-NAMES-PRIVATE-CA'));
    assert.ok(!ids(contoso('sanCertificate')).some((i) => i.startsWith('EXC-INTERNAL-NAMES')));
  });
  test('ACM name quota: 10 by default, raised quota accepted up to 100', () => {
    const domains = Array.from({ length: 9 }, (_, i) => `brand${i}.com`);
    const hostedZones = Object.fromEntries([['contoso.com', CONTOSO_ZONE_ID], ...domains.map((d, i) => [d, `Z00000000000000000${i}`])]);
    assert.throws(() => buildPlan(contoso('sanCertificate', { issuer: CertificateIssuer.acm(), additionalEmailDomains: domains, hostedZones })), /needs 11 names but AWS Certificate Manager allows 10/);
    assert.doesNotThrow(() => buildPlan(contoso('sanCertificate', { issuer: CertificateIssuer.acm({ maxNamesPerCertificate: 25 }), additionalEmailDomains: domains, hostedZones })));
    // SRV records keep the certificate small instead.
    assert.doesNotThrow(() => buildPlan(contoso('srvRecord', { issuer: CertificateIssuer.acm(), additionalEmailDomains: domains, hostedZones })));
  });
  test('wildcard: warned off POP/IMAP, and Outlook Anywhere needs msstd:*.d', () => {
    const found = ids(contoso('sanCertificate', { additionalNames: ['*.contoso.com'], services: [ExchangeService.IIS, ExchangeService.IMAP] }));
    assert.ok(found.includes('EXC-WILDCARD-POP-IMAP'));
    assert.ok(found.includes('EXC-WILDCARD-OUTLOOK-ANYWHERE'));
    assert.ok(!ids(contoso('sanCertificate', { additionalNames: ['*.contoso.com'] })).includes('EXC-WILDCARD-POP-IMAP'));
  });
  test('ACM: the certificate stays on the load balancer; Extended Protection warned for 2016 and later', () => {
    assert.ok(ids(contoso('sanCertificate', { issuer: CertificateIssuer.acm() })).includes('EXC-ACM-LOAD-BALANCER'));
    assert.ok(!ids(contoso('sanCertificate', { issuer: CertificateIssuer.acm() })).includes('EXC-EXTENDED-PROTECTION'));
    assert.ok(ids(modernTwoServers({ issuer: CertificateIssuer.acm() })).includes('EXC-EXTENDED-PROTECTION'));
    assert.ok(!ids(modernTwoServers()).includes('EXC-ACM-LOAD-BALANCER'));
  });
  test('an email domain without autodiscover name or SRV record is warned about', () => {
    const props = contoso('singleName', {
      strategy: CertificateStrategy.singleName({ srvForAdditionalDomains: false }),
      additionalEmailDomains: ['fabrikam.com'],
      hostedZones: { 'contoso.com': CONTOSO_ZONE_ID, 'fabrikam.com': FABRIKAM_ZONE_ID },
    });
    const f = buildPlan(props).findings.find((x) => x.id === 'EXC-AUTODISCOVER-UNCOVERED');
    assert.ok(f);
    assert.match(f.message, /fabrikam\.com/);
    assert.ok(!ids({ ...props, strategy: CertificateStrategy.singleName() }).includes('EXC-AUTODISCOVER-UNCOVERED'));
  });
  test('versions out of support are named with their end date; SE is not', () => {
    const f = buildPlan(contoso('sanCertificate')).findings.find((x) => x.id === 'EXC-VERSION-UNSUPPORTED');
    assert.match(f!.message, /2017-04-11/);
    assert.ok(!ids(modernTwoServers({ exchangeVersion: ExchangeVersion.EXCHANGE_SE })).includes('EXC-VERSION-UNSUPPORTED'));
  });
  test('an OU in the subject is warned about for public CAs only', () => {
    const org = { name: 'Contoso Inc', country: 'US', organizationalUnit: 'IT' };
    assert.ok(ids(contoso('sanCertificate', { organization: org })).includes('EXC-SUBJECT-OU'));
    assert.ok(!ids(contoso('sanCertificate', { organization: org, issuer: CertificateIssuer.enterpriseCa({ caConfig: 'ca\\CA' }) })).includes('EXC-SUBJECT-OU'));
  });
  test('several servers share an exportable certificate', () => {
    assert.ok(ids(modernTwoServers()).includes('EXC-SHARED-CERTIFICATE'));
    assert.ok(!ids(contoso('sanCertificate')).includes('EXC-SHARED-CERTIFICATE'));
  });
  test('split DNS: a warning when the servers\' internal addresses are unknown', () => {
    const f = buildPlan(contoso('sanCertificate', { servers: [{ name: 'SERVER01', fqdn: 'server01.contoso.local' }] })).findings.find((x) => x.id === 'EXC-SPLIT-DNS');
    assert.equal(f!.severity, 'warning');
    assert.equal(buildPlan(contoso('sanCertificate')).findings.find((x) => x.id === 'EXC-SPLIT-DNS')!.severity, 'info');
  });
});

describe('request source rule', () => {
  test('a public CA with a key made off the server is warned about', () => {
    const found = buildPlan(contoso('sanCertificate', { certificateRequest: CertificateRequest.generateLocally({ privateKeyPath: '/tmp/x.key' }) })).findings;
    assert.ok(found.some((f) => f.id === 'EXC-KEY-OFF-SERVER' && f.severity === 'warning'));
  });
  test('ACM Private CA with requests still to be made on the server says so', () => {
    const found = buildPlan(contoso('sanCertificate', { issuer: CertificateIssuer.acmPrivateCa({ certificateAuthorityArn: 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555' }), caaRecords: false })).findings;
    assert.ok(found.some((f) => f.id === 'EXC-REQUEST-PENDING'));
  });
});
