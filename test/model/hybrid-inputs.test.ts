/**
 * The hybrid props: what is refused (and how the error names the prop), what the defaults
 * are, and what plan.hybrid holds for the scripts and the review.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPlan, CertificateIssuer, ExchangeCertificatePlanProps, ExchangeService, ExchangeVersion, HybridProps, PlanInputError } from '../../src';
import { contoso, modernTwoServers } from '../fixtures/contoso';

const hybridPlan = (hybrid: HybridProps | undefined, overrides: Partial<ExchangeCertificatePlanProps> = {}) => buildPlan(modernTwoServers({ hybrid, ...overrides }));

/** The problems of the PlanInputError the props raise, as 'prop: reason'. */
function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof PlanInputError, String(e));
    return e.problems.map((p) => `${p.prop}: ${p.reason}`);
  }
  assert.fail('expected a PlanInputError');
}

describe('hybrid props: refused input names the prop', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['Exchange 2007 has no hybrid', () => buildPlan(contoso('sanCertificate', { hybrid: {} })), /^hybrid: is not possible with Exchange 2007/],
    ['not an object', () => hybridPlan([] as unknown as HybridProps), /^hybrid: is not an object/],
    ['the certificate is not enabled for SMTP', () => hybridPlan({}, { services: [ExchangeService.IIS] }), /^hybrid: needs the certificate enabled for SMTP/],
    ['a Receive connector without the server part', () => hybridPlan({ receiveConnectors: ['Default Frontend EX01'] }), /^hybrid\.receiveConnectors\[0\]: is not a Receive connector identity/],
    ['a Receive connector on a server outside the plan', () => hybridPlan({ receiveConnectors: ['EX03\\Default Frontend EX03'] }), /^hybrid\.receiveConnectors\[0\]: is on server 'EX03', which is neither in servers nor in hybrid\.edgeServers/],
    ['the same Receive connector twice (case aside)', () => hybridPlan({ receiveConnectors: ['EX01\\Default Frontend EX01', 'ex01\\default frontend ex01'] }), /^hybrid\.receiveConnectors: appears twice/],
    ['an empty Send connector name', () => hybridPlan({ sendConnectors: [''] }), /^hybrid\.sendConnectors\[0\]: is not a connector name/],
    ['a Send connector name with a line break', () => hybridPlan({ sendConnectors: ['Outbound to Office 365\n'] }), /^hybrid\.sendConnectors\[0\]: contains control characters/],
    ['a Send connector name with white space around it', () => hybridPlan({ sendConnectors: [' Outbound to Office 365'] }), /^hybrid\.sendConnectors\[0\]: has white space/],
    ['Send connectors not a list', () => hybridPlan({ sendConnectors: 'Outbound to Office 365' as unknown as string[] }), /^hybrid\.sendConnectors: is not a list/],
    ['an Edge server also in servers', () => hybridPlan({ edgeServers: [{ name: 'EX01', fqdn: 'ex01.contoso.com' }] }), /^hybrid\.edgeServers\[0\]\.name: is also in servers/],
    ['an Edge server whose FQDN does not start with its name', () => hybridPlan({ edgeServers: [{ name: 'EDGE01', fqdn: 'mx.contoso.com' }] }), /^hybrid\.edgeServers\[0\]\.fqdn: does not start with the server's name/],
    ['an Auth certificate on Exchange 2010', () => hybridPlan({ authCertificate: { notAfter: '2028-01-01' } }, { exchangeVersion: ExchangeVersion.EXCHANGE_2010 }), /^hybrid\.authCertificate: is not possible with Exchange 2010/],
    ['a thumbprint that is not one', () => hybridPlan({ authCertificate: { thumbprint: '12 34' } }), /^hybrid\.authCertificate\.thumbprint: is not a certificate thumbprint/],
    ['an expiry that is not a calendar date', () => hybridPlan({ authCertificate: { notAfter: '2028-02-30' } }), /^hybrid\.authCertificate\.notAfter: is not a calendar date/],
    ['a rotation less than 48 hours before expiry', () => hybridPlan({ authCertificate: { notAfter: '2028-03-14', rotationDate: '2028-03-13' } }), /^hybrid\.authCertificate\.rotationDate: is less than 48 hours before the Auth certificate expires/],
    ['a rotation before plannedIssueDate (in the plan\'s past)', () => hybridPlan({ authCertificate: { rotationDate: '2026-11-01' } }, { plannedIssueDate: '2026-12-01' }), /^hybrid\.authCertificate\.rotationDate: is before plannedIssueDate/],
    ['a current certificate name that is a URL', () => hybridPlan({ exchangeOnline: { currentCertificateName: 'https://mail.contoso.com/' } }), /^hybrid\.exchangeOnline\.currentCertificateName: is a URL/],
    ['a misspelt hybrid prop', () => hybridPlan({ recieveConnectors: [] } as unknown as HybridProps), /^hybrid\.recieveConnectors: is not a prop of hybrid; did you mean 'receiveConnectors'\?/],
    ['a misspelt Auth certificate prop', () => hybridPlan({ authCertificate: { notafter: '2028-01-01' } } as unknown as HybridProps), /^hybrid\.authCertificate\.notafter: is not a prop of hybrid\.authCertificate; did you mean 'notAfter'\?/],
  ];
  for (const [name, run, expected] of cases) {
    test(name, () => {
      const found = problems(run);
      assert.ok(found.some((p) => expected.test(p)), found.join('\n'));
    });
  }

  test('every problem at once, nothing planned', () => {
    const found = problems(() => hybridPlan({ receiveConnectors: ['bad'], sendConnectors: [''], authCertificate: { thumbprint: 'x' } }));
    assert.equal(found.length, 3, found.join('\n'));
  });
});

describe('hybrid props: defaults an experienced hybrid admin expects', () => {
  test('not hybrid: no plan.hybrid, the default SMTP certificate replaced as before', () => {
    const plan = buildPlan(modernTwoServers());
    assert.equal(plan.hybrid, undefined);
    assert.equal(plan.serverSettings.replaceDefaultSmtpCertificate, true);
  });

  test('hybrid: {} keeps internal transport on the self-signed certificate', () => {
    assert.equal(hybridPlan({}).serverSettings.replaceDefaultSmtpCertificate, false);
  });

  test('hybrid with replaceDefaultSmtpCertificate: true keeps the choice (and a warning says what it means)', () => {
    const plan = hybridPlan({}, { replaceDefaultSmtpCertificate: true });
    assert.equal(plan.serverSettings.replaceDefaultSmtpCertificate, true);
    assert.ok(plan.findings.some((f) => f.id === 'EXC-HYBRID-DEFAULT-SMTP' && f.severity === 'warning'));
  });

  test('hybrid: {} on 2019: the SAN certificate pinned by TlsCertificateName, the hybrid configuration always listed, the rest found on the server', () => {
    const h = hybridPlan({}).hybrid!;
    assert.equal(h.selection, 'tlsCertificateName');
    assert.deepEqual(h.certificate, { certificateId: 'exchange', domain: 'mail.contoso.com', tlsCertificateNameFrom: 'issuedCertificate', issuerMayChangeAtRenewal: true });
    assert.deepEqual(h.connectors.map((c) => [c.kind, c.identity, c.source, c.atThisStep, c.atRenewal]), [['hybridConfiguration', 'HybridConfiguration', 'always', 'repinWhenChanged', 'repinWhenChanged']]);
    assert.deepEqual(h.discovery, { hybridConfiguration: true, sendConnectorsPinningOldCertificate: true, receiveConnectorsPinningOldCertificate: true, wizardSendConnectorPrefix: 'Outbound to Office 365' });
    assert.deepEqual(h.authCertificate, { rotationDateFrom: 'none', rotateDaysBeforeExpiry: 60, minimumHoursBetweenRuns: 48 });
    assert.deepEqual(h.exchangeOnline, { certificateName: 'mail.contoso.com', atThisStep: 'runToCheck', atRenewal: 'noChange' });
    assert.deepEqual(h.edgeServers, []);
  });

  test('declared connectors are normalised and ordered: server part upper case, code point order', () => {
    const h = hybridPlan({ receiveConnectors: ['ex02\\Default Frontend EX02', 'EX01\\Default Frontend EX01'], sendConnectors: ['Outbound to Office 365 - b', 'Outbound to Office 365 - a'] }).hybrid!;
    assert.deepEqual(h.connectors.map((c) => c.identity), ['HybridConfiguration', 'EX01\\Default Frontend EX01', 'EX02\\Default Frontend EX02', 'Outbound to Office 365 - a', 'Outbound to Office 365 - b']);
    assert.deepEqual(h.connectors.filter((c) => c.kind === 'receiveConnector').map((c) => c.server), ['EX01', 'EX02']);
  });

  test('a Receive connector on an Edge server is marked so', () => {
    const h = hybridPlan({ edgeServers: [{ name: 'edge01', fqdn: 'edge01.contoso.com' }], receiveConnectors: ['EDGE01\\Default internal receive connector EDGE01'] }).hybrid!;
    assert.deepEqual(h.edgeServers, [{ name: 'EDGE01', fqdn: 'edge01.contoso.com' }]);
    assert.equal(h.connectors.find((c) => c.kind === 'receiveConnector')!.onEdgeServer, true);
  });

  test('the Auth certificate: rotation 60 days before expiry unless given, thumbprint upper case', () => {
    const thumbprint = 'a'.repeat(40);
    assert.deepEqual(hybridPlan({ authCertificate: { thumbprint, notAfter: '2028-03-14' } }).hybrid!.authCertificate, {
      thumbprint: 'A'.repeat(40), notAfter: '2028-03-14', rotationDate: '2028-01-14', rotationDateFrom: 'beforeExpiry', rotateDaysBeforeExpiry: 60, minimumHoursBetweenRuns: 48,
    });
    const given = hybridPlan({ authCertificate: { notAfter: '2028-03-14', rotationDate: '2028-03-01' } }).hybrid!.authCertificate!;
    assert.equal(given.rotationDate, '2028-03-01');
    assert.equal(given.rotationDateFrom, 'prop');
    // Exactly 48 hours before expiry is still in time.
    assert.equal(hybridPlan({ authCertificate: { notAfter: '2028-03-14', rotationDate: '2028-03-12' } }).hybrid!.authCertificate!.rotationDate, '2028-03-12');
  });

  test('Exchange Online: no change when the name it expects is on the new certificate, a change when it is not', () => {
    assert.equal(hybridPlan({ exchangeOnline: { currentCertificateName: 'mail.contoso.com' } }).hybrid!.exchangeOnline.atThisStep, 'noChange');
    assert.equal(hybridPlan({ exchangeOnline: { currentCertificateName: 'autodiscover.contoso.com' } }).hybrid!.exchangeOnline.certificateName, 'autodiscover.contoso.com');
    const moved = hybridPlan({ exchangeOnline: { currentCertificateName: 'hybrid.contoso.com', inboundConnector: 'Inbound from x', outboundConnector: 'Outbound to x' } }).hybrid!.exchangeOnline;
    assert.deepEqual(moved, { inboundConnector: 'Inbound from x', outboundConnector: 'Outbound to x', certificateName: 'mail.contoso.com', currentCertificateName: 'hybrid.contoso.com', atThisStep: 'change', atRenewal: 'noChange' });
  });

  test('Exchange 2010: nothing pinned, no hybrid configuration to set, no Auth certificate', () => {
    const h = hybridPlan({ receiveConnectors: ['EX01\\Default EX01'] }, { exchangeVersion: ExchangeVersion.EXCHANGE_2010 }).hybrid!;
    assert.equal(h.selection, 'connectorFqdn');
    assert.deepEqual(h.connectors.map((c) => [c.kind, c.atThisStep, c.atRenewal]), [['receiveConnector', 'nothingPinned', 'nothingPinned']]);
    assert.equal(h.authCertificate, undefined);
    assert.equal(h.discovery.sendConnectorsPinningOldCertificate, false);
    assert.match(h.versionNotes[0], /FQDN.*newest/);
  });

  test('a private issuer keeps the requested subject: the expected subject as Windows shows it', () => {
    const h = hybridPlan({}, { issuer: CertificateIssuer.enterpriseCa({ caConfig: 'ca01.corp.contoso.com\\Contoso Issuing CA' }), caaRecords: false }).hybrid!;
    assert.equal(h.certificate.expectedSubject, 'CN=mail.contoso.com, O=Contoso Ltd, L=London, C=GB');
    assert.equal(h.certificate.issuerMayChangeAtRenewal, false);
  });

  test('the client-auth EKU change of the issuer, dated against plannedIssueDate', () => {
    const le = (plannedIssueDate?: string) => hybridPlan({}, { issuer: CertificateIssuer.publicCa({ caaIdentifier: 'letsencrypt.org' }), ...(plannedIssueDate ? { plannedIssueDate } : {}) }).hybrid!.outbound;
    assert.equal(le('2026-12-01').clientAuthEkuMissingFrom, 'thisIssue');
    assert.equal(le().clientAuthEkuMissingFrom, 'unknown');
    assert.equal(le().clientAuthEkuChange!.from, '2026-02-11');
    const digicert = hybridPlan({}, { issuer: CertificateIssuer.publicCa({ caaIdentifier: 'digicert.com' }), plannedIssueDate: '2026-12-01' }).hybrid!.outbound;
    assert.equal(digicert.clientAuthEkuChange!.from, '2027-03-01');
    assert.equal(digicert.clientAuthEkuMissingFrom, 'laterRenewal');
    // Sectigo (the fixture's CA): no dated change recorded here, so none is claimed.
    assert.equal(hybridPlan({}).hybrid!.outbound.clientAuthEkuChange, undefined);
  });

  test('the plan is frozen like the rest', () => {
    const h = hybridPlan({ sendConnectors: ['x'] }).hybrid!;
    assert.ok(Object.isFrozen(h) && Object.isFrozen(h.connectors) && Object.isFrozen(h.connectors[0]));
  });
});
