import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPlan, ExchangeService, RootDomainResponder } from '../../src';
import { evaluateStep } from '../../src/review/autodiscover-steps';
import { coverageMatrix, CoverageRow } from '../../src/review';
import { contoso, modernTwoServers } from '../fixtures/contoso';
import {
  autodiscoverNameMissing,
  autodiscoverOnWrongSite,
  autodiscoverRecordAtMailAddress,
  internalUrlsOnServerName,
  secondDomainBySrv,
  secondDomainUncovered,
  SEED_STRATEGIES,
} from './known-bad-plans';

const warnings = (rows: readonly CoverageRow[]) => rows.filter((r) => r.result === 'warning');
const row = (rows: readonly CoverageRow[], match: Partial<CoverageRow>) => {
  const found = rows.filter((r) => Object.entries(match).every(([k, v]) => (r as unknown as Record<string, unknown>)[k] === v));
  assert.equal(found.length, 1, `expected one row matching ${JSON.stringify(match)}, found ${found.length}`);
  return found[0];
};

describe('Contoso seed scenario, every strategy: no certificate warning for any client', () => {
  for (const strategy of SEED_STRATEGIES) {
    test(`${strategy}: external and domain-joined clients see no warning; the undeclared root domain is the only risk`, () => {
      const rows = coverageMatrix(buildPlan(contoso(strategy)));
      assert.deepEqual(warnings(rows).map((r) => `${r.client} ${r.service} ${r.step ?? ''} ${r.reason}`), []);
      const risks = rows.filter((r) => r.result === 'risk');
      assert.deepEqual(risks.map((r) => [r.client, r.step, r.hostname]), [['external', 'rootDomain', 'contoso.com']]);
      // Every web service is reached by external clients with the certificate that names its host.
      for (const service of ['OWA', 'EWS', 'OAB', 'ActiveSync', 'OutlookAnywhere'] as const) {
        assert.equal(row(rows, { service, client: 'external' }).result, 'covered', `${service} external`);
        // Split DNS: inside, the same public name resolves to the server.
        if (service !== 'OutlookAnywhere') assert.match(row(rows, { service, client: 'domainJoined' }).dns, /^internal A 192\.168\.10\.11/);
      }
      // Domain-joined Outlook finds Autodiscover in the SCP, so the DNS steps are never reached inside.
      assert.equal(row(rows, { step: 'scp', client: 'domainJoined' }).result, 'covered');
      for (const step of ['rootDomain', 'autodiscoverHost', 'httpRedirect', 'srv'] as const) {
        assert.equal(row(rows, { step, client: 'domainJoined', emailDomain: 'contoso.com' }).result, 'notReached');
      }
    });
  }

  test('SAN, single name and two certificates: external Outlook gets Autodiscover at autodiscover.contoso.com, silently', () => {
    for (const strategy of ['sanCertificate', 'singleName', 'twoCertificates'] as const) {
      const rows = coverageMatrix(buildPlan(contoso(strategy)));
      const host = row(rows, { step: 'autodiscoverHost', client: 'external' });
      assert.equal(host.result, 'covered', strategy);
      assert.equal(host.certificateId, strategy === 'twoCertificates' ? 'autodiscover' : 'exchange');
      assert.equal(host.answeredBy, strategy === 'twoCertificates' ? 'AutoDiscover on SERVER01' : 'Default Web Site on SERVER01');
      assert.equal(row(rows, { step: 'httpRedirect', client: 'external' }).result, 'notReached');
      assert.equal(row(rows, { step: 'srv', client: 'external' }).result, 'notReached');
    }
  });

  test('SRV record: autodiscover.contoso.com falls through, the SRV target mail.contoso.com answers after a redirect prompt (external only)', () => {
    const rows = coverageMatrix(buildPlan(contoso('srvRecord')));
    assert.equal(row(rows, { step: 'autodiscoverHost', client: 'external' }).result, 'fallsThrough');
    const srv = row(rows, { step: 'srv', client: 'external' });
    assert.equal(srv.result, 'redirectPrompt');
    assert.equal(srv.url, 'https://mail.contoso.com/Autodiscover/Autodiscover.xml');
    assert.match(srv.reason, /Allow this website to configure/);
    assert.equal(row(rows, { step: 'srv', client: 'domainJoined' }).result, 'notReached');
  });

  test('Exchange 2007: domain-joined Outlook uses RPC inside, so Outlook Anywhere is not reached; Exchange 2019 uses it and MAPI inside', () => {
    assert.equal(row(coverageMatrix(buildPlan(contoso('sanCertificate'))), { service: 'OutlookAnywhere', client: 'domainJoined' }).result, 'notReached');
    const modern = coverageMatrix(buildPlan(modernTwoServers()));
    assert.equal(row(modern, { service: 'OutlookAnywhere', client: 'domainJoined' }).result, 'covered');
    assert.equal(row(modern, { service: 'MAPI', client: 'domainJoined' }).result, 'covered');
  });

  test('two servers behind one name: one row per service and kind of client, listing both servers', () => {
    const rows = coverageMatrix(buildPlan(modernTwoServers()));
    assert.deepEqual(warnings(rows), []);
    const owaInside = row(rows, { service: 'OWA', client: 'domainJoined' });
    assert.deepEqual(owaInside.servers, ['EX01', 'EX02']);
    assert.equal(owaInside.answeredBy, 'Default Web Site on EX01, EX02');
    // fabrikam.com is on the SAN certificate as autodiscover.fabrikam.com.
    assert.equal(row(rows, { step: 'autodiscoverHost', client: 'external', emailDomain: 'fabrikam.com' }).result, 'covered');
  });
});

describe('known-bad plans show the warning an Exchange expert expects', () => {
  test('autodiscover.contoso.com missing from the SAN certificate: external Outlook gets a certificate warning at the autodiscover host; inside, the SCP is fine', () => {
    const rows = coverageMatrix(autodiscoverNameMissing());
    assert.deepEqual(warnings(rows).map((r) => [r.client, r.step, r.hostname]), [['external', 'autodiscoverHost', 'autodiscover.contoso.com']]);
    assert.match(warnings(rows)[0].reason, /certificate 'exchange' names mail\.contoso\.com, not autodiscover\.contoso\.com/);
    assert.equal(row(rows, { step: 'scp', client: 'domainJoined' }).result, 'covered');
  });

  test('two certificates, autodiscover host answered by the Default Web Site: it presents the mail certificate', () => {
    for (const plan of [autodiscoverOnWrongSite(), autodiscoverRecordAtMailAddress()]) {
      const rows = coverageMatrix(plan);
      const w = warnings(rows);
      assert.deepEqual(w.map((r) => [r.client, r.step, r.hostname, r.answeredBy, r.certificateId]), [
        ['external', 'autodiscoverHost', 'autodiscover.contoso.com', 'Default Web Site on SERVER01', 'mail'],
      ]);
      assert.match(w[0].reason, /names mail\.contoso\.com, not autodiscover\.contoso\.com/);
    }
  });

  test('internal URLs and the SCP on server01.contoso.local with a public certificate: every domain-joined client gets a warning, external clients none', () => {
    const rows = coverageMatrix(internalUrlsOnServerName());
    const w = warnings(rows);
    assert.ok(w.length > 0);
    assert.ok(w.every((r) => r.client === 'domainJoined' && r.hostname === 'server01.contoso.local'));
    assert.deepEqual(w.map((r) => r.step ?? r.service).sort(), ['ActiveSync', 'EWS', 'OAB', 'OWA', 'SMTP', 'scp']);
    assert.match(row(rows, { step: 'scp', client: 'domainJoined' }).reason, /internal name, which no public CA may certify/);
    assert.match(row(rows, { service: 'OWA', client: 'domainJoined' }).dns, /Active Directory DNS \(A 192\.168\.10\.11\)/);
    assert.equal(rows.filter((r) => r.client === 'external' && r.result === 'warning').length, 0);
  });

  test('fabrikam.com with neither a SAN name nor an SRV record: external Outlook finds no Autodiscover for it', () => {
    const rows = coverageMatrix(secondDomainUncovered());
    const w = warnings(rows);
    assert.deepEqual(w.map((r) => [r.client, r.step, r.emailDomain]), [['external', 'autodiscoverHost', 'fabrikam.com']]);
    assert.match(w[0].reason, /autodiscover\.fabrikam\.com has no DNS record.*no step answers for fabrikam\.com/);
    assert.ok(w[0].fixes && w[0].fixes.some((f) => f.includes('_autodiscover._tcp.fabrikam.com')));
    // contoso.com users are fine, and domain-joined fabrikam.com users get the SCP.
    assert.equal(row(rows, { step: 'autodiscoverHost', client: 'external', emailDomain: 'contoso.com' }).result, 'covered');
    assert.equal(row(rows, { step: 'autodiscoverHost', client: 'domainJoined', emailDomain: 'fabrikam.com' }).result, 'notReached');
  });

  test('fabrikam.com found through SRV instead: a redirect prompt for autodiscover.contoso.com, no warning', () => {
    const rows = coverageMatrix(secondDomainBySrv());
    assert.deepEqual(warnings(rows), []);
    const srv = row(rows, { step: 'srv', client: 'external', emailDomain: 'fabrikam.com' });
    assert.equal(srv.result, 'redirectPrompt');
    assert.equal(srv.url, 'https://autodiscover.contoso.com/Autodiscover/Autodiscover.xml');
  });
});

describe('the root domain, declared', () => {
  const withRoot = (responder: RootDomainResponder, extra = {}) =>
    coverageMatrix(buildPlan(contoso('sanCertificate', { rootDomainResponders: { 'contoso.com': responder }, ...extra })));

  test('nothing, or a web site with a valid certificate: Outlook moves on silently, no risk left', () => {
    for (const responder of [RootDomainResponder.nothing(), RootDomainResponder.webSiteWithValidCertificate()]) {
      const rows = withRoot(responder);
      assert.equal(row(rows, { step: 'rootDomain', client: 'external' }).result, 'fallsThrough');
      assert.equal(rows.filter((r) => r.result === 'risk' || r.result === 'warning').length, 0);
    }
  });

  test('a web site with another certificate: a warning for every external Outlook', () => {
    const root = row(withRoot(RootDomainResponder.webSiteWithOtherCertificate()), { step: 'rootDomain', client: 'external' });
    assert.equal(root.result, 'warning');
    assert.match(root.reason, /does not name contoso\.com/);
  });

  test('Exchange: a warning unless the bare domain is on the certificate, then Autodiscover answers at the root', () => {
    assert.equal(row(withRoot(RootDomainResponder.exchange()), { step: 'rootDomain', client: 'external' }).result, 'warning');
    const rows = withRoot(RootDomainResponder.exchange(), { additionalNames: ['contoso.com'] });
    assert.equal(row(rows, { step: 'rootDomain', client: 'external' }).result, 'covered');
    assert.equal(row(rows, { step: 'autodiscoverHost', client: 'external' }).result, 'notReached');
  });
});

describe('wildcard certificates', () => {
  test('*.contoso.com covers mail and autodiscover (one label) but not the bare domain nor a deeper name', () => {
    const plan = buildPlan(contoso('sanCertificate', { rootDomainResponders: { 'contoso.com': RootDomainResponder.exchange() } }));
    const wildcard = { ...plan, certificates: plan.certificates.map((c) => ({ ...c, names: ['*.contoso.com'], publicNames: ['*.contoso.com'] })) };
    const rows = coverageMatrix(wildcard);
    assert.match(row(rows, { service: 'OWA', client: 'external' }).reason, /covers mail\.contoso\.com with \*\.contoso\.com/);
    assert.equal(row(rows, { step: 'rootDomain', client: 'external' }).result, 'warning');
    const deeper = coverageMatrix({ ...wildcard, endpoints: wildcard.endpoints.map((e) => ({ ...e, internalHostname: 'mail.corp.contoso.com', internalUrl: e.internalUrl.replace('mail.contoso.com', 'mail.corp.contoso.com') })) });
    assert.equal(row(deeper, { service: 'OWA', client: 'domainJoined' }).result, 'warning');
  });
});

describe('SMTP, POP and IMAP: the client URLs script makes Exchange present the certificate', () => {
  const mailRows = (rows: readonly CoverageRow[]) => rows.filter((r) => r.service === 'SMTP' || r.service === 'POP' || r.service === 'IMAP');

  test('Contoso, Exchange 2007: the Client receive connector gets mail.contoso.com as its FQDN, for clients outside and inside (split DNS)', () => {
    const rows = coverageMatrix(buildPlan(contoso('sanCertificate')));
    const outside = row(rows, { service: 'SMTP', client: 'external' });
    assert.equal(outside.result, 'covered');
    assert.equal(outside.answeredBy, 'Client receive connector, port 587 (STARTTLS) on SERVER01');
    assert.match(outside.reason, /the client URLs script sets the FQDN of the Client receive connector to mail\.contoso\.com, so Exchange presents this certificate there \(the verify script checks it\)/);
    assert.doesNotMatch(outside.reason, /must be/);
    const inside = row(rows, { service: 'SMTP', client: 'domainJoined' });
    assert.equal(inside.result, 'covered');
    assert.match(inside.reason, /inside, split DNS sends clients to the same name$/);
  });

  test('Exchange 2019, two servers: the Client Frontend connector, and one domain-joined row naming both servers', () => {
    const rows = coverageMatrix(buildPlan(modernTwoServers()));
    const inside = row(rows, { service: 'SMTP', client: 'domainJoined' });
    assert.deepEqual(inside.servers, ['EX01', 'EX02']);
    assert.equal(inside.answeredBy, 'Client Frontend receive connector, port 587 (STARTTLS) on EX01, EX02');
    assert.match(inside.reason, /FQDN of the Client Frontend receive connector to mail\.contoso\.com/);
    assert.equal(mailRows(rows).length, 2);
  });

  test('POP and IMAP enabled: X509CertificateName is set to mail.contoso.com; SMTP not enabled: no SMTP rows', () => {
    const rows = coverageMatrix(buildPlan(contoso('sanCertificate', { services: [ExchangeService.IIS, ExchangeService.POP, ExchangeService.IMAP] })));
    assert.deepEqual(mailRows(rows).map((r) => `${r.service} ${r.client} ${r.result}`), ['POP external covered', 'POP domainJoined covered', 'IMAP external covered', 'IMAP domainJoined covered']);
    assert.match(row(rows, { service: 'POP', client: 'external' }).reason, /sets Set-PopSettings -X509CertificateName to mail\.contoso\.com, so the POP3 service presents this certificate \(the verify script checks it\)/);
    assert.match(row(rows, { service: 'IMAP', client: 'external' }).reason, /sets Set-ImapSettings -X509CertificateName to mail\.contoso\.com/);
    // The seed enables IIS and SMTP only: no POP or IMAP rows.
    assert.deepEqual(mailRows(coverageMatrix(buildPlan(contoso('sanCertificate')))).map((r) => r.service), ['SMTP', 'SMTP']);
  });

  test('internal URLs on server01.contoso.local with a public certificate: the connector FQDN does not help inside, the warning stays', () => {
    const inside = row(coverageMatrix(internalUrlsOnServerName()), { service: 'SMTP', client: 'domainJoined' });
    assert.equal(inside.result, 'warning');
    assert.equal(inside.hostname, 'server01.contoso.local');
  });
});

describe('HTTP redirect and SRV rows say only what the plan knows', () => {
  test('two certificates: port 80 of autodiscover.contoso.com is named by its address, not by the https-only AutoDiscover site', () => {
    const redirect = row(coverageMatrix(buildPlan(contoso('twoCertificates'))), { step: 'httpRedirect', client: 'external' });
    assert.equal(redirect.answeredBy, 'port 80 on 203.0.113.11 (outside the plan)');
    assert.deepEqual(redirect.servers, []);
    assert.doesNotMatch(`${redirect.answeredBy} ${redirect.reason}`, /AutoDiscover on/);
  });

  test('reached (no autodiscover name published): the redirect step moves on, saying the plan sets up no redirect on port 80 of that address', () => {
    const plan = buildPlan(contoso('srvRecord'));
    const [outcome] = evaluateStep(plan, plan.emailDomains[0], 'external', 'httpRedirect');
    assert.equal(outcome.effect, 'movesOn');
    const withRecord = { ...plan, dnsRecords: [...plan.dnsRecords, { ...plan.dnsRecords.find((r) => r.type === 'A')!, name: 'autodiscover.contoso.com' }] };
    const [reached] = evaluateStep(withRecord, plan.emailDomains[0], 'external', 'httpRedirect');
    assert.equal(reached.effect, 'movesOn');
    assert.match(reached.reason, /^the plan sets up no redirect on port 80 on 203\.0\.113\.10; whatever listens there, if anything, is not planned/);
  });

  test('SRV records of several domains: each row names its own SRV name; a record with another value is evaluated on its own', () => {
    const base = buildPlan({ ...contoso('srvRecord'), additionalEmailDomains: ['fabrikam.com', 'tailspin.com'], hostedZones: { 'contoso.com': 'Z1', 'fabrikam.com': 'Z2', 'tailspin.com': 'Z3' } });
    const srvName = (d: string) => `_autodiscover._tcp.${d}`;
    // tailspin.com's record names port 8443: Outlook skips it, the others' answer after the prompt.
    const plan = { ...base, dnsRecords: base.dnsRecords.map((r) => (r.type === 'SRV' && r.name === srvName('tailspin.com') ? { ...r, values: r.values.map((v) => v.replace(' 443 ', ' 8443 ')) } : r)) };
    for (const client of ['external', 'domainJoined'] as const) {
      const outcomes = plan.emailDomains.map((d) => evaluateStep(plan, d, client, 'srv')[0]);
      assert.deepEqual(outcomes.map((o) => o.hostname), ['contoso.com', 'fabrikam.com', 'tailspin.com'].map(srvName));
      assert.deepEqual(outcomes.map((o) => o.effect), ['answersAfterRedirectPrompt', 'answersAfterRedirectPrompt', 'movesOn']);
      assert.equal(outcomes[0].reason, outcomes[1].reason);
      assert.match(outcomes[2].reason, /names port 8443/);
      assert.match(outcomes[2].dns, /^SRV 0 0 8443 /);
      // The same domain asked again gives the same outcome.
      assert.deepEqual(evaluateStep(plan, plan.emailDomains[1], client, 'srv')[0], outcomes[1]);
    }
  });

  test('no SRV record: the row names the SRV name alone, no arrow to a pseudo-URL', () => {
    const srv = row(coverageMatrix(buildPlan(contoso('sanCertificate'))), { step: 'srv', client: 'external' });
    assert.equal(srv.url, '_autodiscover._tcp.contoso.com');
    assert.equal(srv.hostname, '_autodiscover._tcp.contoso.com');
  });
});
