/**
 * The hybrid rules: each fires on the plan it is about, with the severity and facts an
 * Exchange admin in hybrid expects, and stays quiet elsewhere (a plan without hybrid gets
 * none of them).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPlan, CertificateIssuer, ExchangeCertificatePlanProps, ExchangeVersion, Finding, HybridProps } from '../../src';
import { modernTwoServers } from '../fixtures/contoso';

const findings = (hybrid: HybridProps | undefined, overrides: Partial<ExchangeCertificatePlanProps> = {}): Finding[] => buildPlan(modernTwoServers({ hybrid, ...overrides })).findings.filter((f) => f.id.startsWith('EXC-HYBRID'));
const ids = (list: Finding[]) => list.map((f) => `${f.id}:${f.severity}`);
const letsEncrypt = CertificateIssuer.publicCa({ caaIdentifier: 'letsencrypt.org', name: "Let's Encrypt" });
const digicert = CertificateIssuer.publicCa({ caaIdentifier: 'digicert.com', name: 'DigiCert' });

describe('hybrid rules', () => {
  test('no hybrid prop: no hybrid finding, whatever the issuer', () => {
    assert.deepEqual(findings(undefined, { issuer: letsEncrypt, plannedIssueDate: '2026-12-01' }), []);
  });

  test("client-auth EKU, Let's Encrypt issuing now: a warning naming the dated change, its source, and that Microsoft has not said", () => {
    const f = findings({}, { issuer: letsEncrypt, plannedIssueDate: '2026-12-01' }).find((x) => x.id === 'EXC-HYBRID-CLIENT-AUTH-EKU')!;
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /2026-02-11/);
    assert.match(f.message, /https:\/\/letsencrypt\.org\//);
    assert.match(f.message, /Microsoft has not documented whether Exchange Online requires/);
    assert.match(f.message, /will not carry it/);
    assert.match(f.remedy, /message trace/);
  });

  test('client-auth EKU, DigiCert before 2027-03-01: a note that a later renewal is the first without it', () => {
    const f = findings({}, { issuer: digicert, plannedIssueDate: '2027-01-11' }).find((x) => x.id === 'EXC-HYBRID-CLIENT-AUTH-EKU')!;
    assert.equal(f.severity, 'info');
    assert.match(f.message, /2027-03-01/);
    assert.match(f.message, /knowledge\.digicert\.com/);
  });

  test('client-auth EKU: a CA with no recorded change, or a private CA, gets no finding (nothing is guessed)', () => {
    assert.ok(!findings({}).some((f) => f.id === 'EXC-HYBRID-CLIENT-AUTH-EKU'));
    assert.ok(!findings({}, { issuer: CertificateIssuer.enterpriseCa({ caConfig: 'ca\\CA' }), caaRecords: false }).some((f) => f.id === 'EXC-HYBRID-CLIENT-AUTH-EKU'));
  });

  test('issuer rotation: a public CA on 2013 and later gets the note why every renewal re-pins; a private CA and 2010 do not', () => {
    const f = findings({}).find((x) => x.id === 'EXC-HYBRID-ISSUER-ROTATION')!;
    assert.equal(f.severity, 'info');
    assert.match(f.message, /454 4\.7\.5/);
    assert.match(f.message, /techcommunity\.microsoft\.com/);
    assert.ok(!findings({}, { issuer: CertificateIssuer.enterpriseCa({ caConfig: 'ca\\CA' }), caaRecords: false }).some((x) => x.id === 'EXC-HYBRID-ISSUER-ROTATION'));
    assert.ok(!findings({}, { exchangeVersion: ExchangeVersion.EXCHANGE_2010 }).some((x) => x.id === 'EXC-HYBRID-ISSUER-ROTATION'));
  });

  test('Exchange 2010: the FQDN note instead of re-pinning', () => {
    const list = findings({}, { exchangeVersion: ExchangeVersion.EXCHANGE_2010 });
    const f = list.find((x) => x.id === 'EXC-HYBRID-2010-FQDN')!;
    assert.equal(f.severity, 'info');
    assert.match(f.message, /newest valid certificate/);
    assert.match(f.remedy, /mail\.contoso\.com/);
    assert.ok(!findings({}).some((x) => x.id === 'EXC-HYBRID-2010-FQDN'));
  });

  test('Edge servers: a warning that a certificate change there means a new Edge Subscription, with the steps', () => {
    const f = findings({ edgeServers: [{ name: 'EDGE01', fqdn: 'edge01.contoso.com' }, { name: 'EDGE02', fqdn: 'edge02.contoso.com' }] }).find((x) => x.id === 'EXC-HYBRID-EDGE-SUBSCRIPTION')!;
    assert.equal(f.severity, 'warning');
    assert.equal(f.prop, 'hybrid.edgeServers');
    assert.match(f.message, /EDGE01, EDGE02/);
    assert.match(f.remedy, /New-EdgeSubscription.*Start-EdgeSynchronization/);
    assert.ok(!findings({}).some((x) => x.id === 'EXC-HYBRID-EDGE-SUBSCRIPTION'));
  });

  test('replaceDefaultSmtpCertificate: true in hybrid is a warning; left out, none', () => {
    assert.deepEqual(ids(findings({}, { replaceDefaultSmtpCertificate: true }).filter((f) => f.id === 'EXC-HYBRID-DEFAULT-SMTP')), ['EXC-HYBRID-DEFAULT-SMTP:warning']);
    assert.ok(!findings({}, { replaceDefaultSmtpCertificate: false }).some((f) => f.id === 'EXC-HYBRID-DEFAULT-SMTP'));
  });

  test('Auth certificate: expired or due on plannedIssueDate is a warning; later, or without a date, nothing', () => {
    const auth = (notAfter: string, plannedIssueDate?: string) =>
      findings({ authCertificate: { notAfter } }, plannedIssueDate ? { plannedIssueDate } : {}).filter((f) => f.id === 'EXC-HYBRID-AUTH-CERTIFICATE');
    const expired = auth('2026-11-30', '2026-12-01');
    assert.deepEqual(ids(expired), ['EXC-HYBRID-AUTH-CERTIFICATE:warning']);
    assert.match(expired[0].message, /expires on 2026-11-30/);
    // Expired: replaced in one run (Microsoft's procedure), not 48 hours later.
    assert.match(expired[0].remedy, /^replace it at once: .*in one run makes a new one effective now.*MSExchangeOWAAppPool.*ConfigureExchangeHybridApplication\.ps1 -UpdateCertificate/);
    assert.doesNotMatch(expired[0].remedy, /48 hours/);
    const due = auth('2027-01-15', '2026-12-01');
    assert.match(due[0].message, /rotation is due on 2026-11-16/);
    assert.match(due[0].remedy, /48 hours.*ConfigureExchangeHybridApplication\.ps1 -UpdateCertificate/);
    assert.deepEqual(auth('2028-03-14', '2026-12-01'), []);
    assert.deepEqual(auth('2026-11-30'), []);
  });
});
