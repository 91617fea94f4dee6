/**
 * The seed's Contoso scenario in each strategy gives the names, records and URLs an
 * Exchange expert would choose.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPlan, CertificateIssuer, CertificateStrategy, ExchangePlan, ExchangeVersion } from '../../src';
import { contoso, CONTOSO_ZONE_ID, FABRIKAM_ZONE_ID, modernTwoServers } from '../fixtures/contoso';

const records = (plan: ExchangePlan) => plan.dnsRecords.map((r) => `${r.name} ${r.type} ${r.values.join(',')}`);

describe('Contoso, SAN certificate, Exchange 2007', () => {
  const plan = buildPlan(contoso('sanCertificate'));
  test('one certificate: CN mail.contoso.com, then autodiscover.contoso.com; no internal names on a public certificate', () => {
    assert.equal(plan.certificates.length, 1);
    const [cert] = plan.certificates;
    assert.deepEqual(cert.names, ['mail.contoso.com', 'autodiscover.contoso.com']);
    assert.equal(cert.subject.commonName, 'mail.contoso.com');
    assert.equal(cert.subjectName, 'C=US, O=Contoso Inc, CN=mail.contoso.com');
    assert.equal(cert.keySize, 2048);
    assert.deepEqual(cert.internalNames, []);
    assert.deepEqual(cert.services, ['IIS', 'SMTP']);
    assert.deepEqual(cert.bindings, [{ server: 'SERVER01', webSite: 'Default Web Site', createsWebSite: false }]);
    assert.equal(cert.privateKeyExportable, false);
  });
  test('external DNS: A records for both names at the public address, CAA for the CA at each name (not the apex)', () => {
    assert.deepEqual(records(plan), [
      'autodiscover.contoso.com A 203.0.113.10',
      'autodiscover.contoso.com CAA 0 issue "digicert.com"',
      'mail.contoso.com A 203.0.113.10',
      'mail.contoso.com CAA 0 issue "digicert.com"',
    ]);
    assert.ok(plan.dnsRecords.every((r) => r.zoneId === CONTOSO_ZONE_ID && r.ttl === 300));
    assert.ok(!plan.dnsRecords.some((r) => r.name === 'contoso.com'), 'nothing at the zone apex');
  });
  test('internal URLs use the public name (split DNS), and the internal zone needs mail and autodiscover', () => {
    const owa = plan.endpoints.find((e) => e.service === 'OWA')!;
    assert.equal(owa.internalUrl, 'https://mail.contoso.com/owa');
    assert.equal(owa.externalUrl, 'https://mail.contoso.com/owa');
    const autodiscover = plan.endpoints.find((e) => e.service === 'Autodiscover')!;
    assert.equal(autodiscover.internalUrl, 'https://mail.contoso.com/Autodiscover/Autodiscover.xml', 'the SCP');
    assert.equal(autodiscover.externalUrl, 'https://autodiscover.contoso.com/Autodiscover/Autodiscover.xml', 'found by DNS outside');
    assert.deepEqual(plan.internalDnsRecords.map((r) => `${r.name} ${r.value}`), ['mail.contoso.com 192.168.10.11', 'autodiscover.contoso.com 192.168.10.11']);
  });
  test('Exchange 2007 has no ECP and no MAPI over HTTP', () => {
    const services = plan.endpoints.map((e) => e.service);
    assert.deepEqual(services, ['OWA', 'EWS', 'OAB', 'ActiveSync', 'OutlookAnywhere', 'Autodiscover']);
  });
});

describe('Contoso, single name (Alternative 1)', () => {
  const plan = buildPlan(contoso('singleName'));
  test('one name, the autodiscover host, used for every service', () => {
    assert.deepEqual(plan.certificates[0].names, ['autodiscover.contoso.com']);
    assert.equal(plan.externalHostname, 'autodiscover.contoso.com');
    assert.equal(plan.endpoints.find((e) => e.service === 'ActiveSync')!.externalUrl, 'https://autodiscover.contoso.com/Microsoft-Server-ActiveSync');
    assert.deepEqual(records(plan), ['autodiscover.contoso.com A 203.0.113.10', 'autodiscover.contoso.com CAA 0 issue "digicert.com"']);
  });
});

describe('Contoso, two certificates (Alternative 2)', () => {
  const plan = buildPlan(contoso('twoCertificates'));
  test('mail on the Default Web Site, autodiscover on its own site and address', () => {
    const [mail, ad] = plan.certificates;
    assert.deepEqual([mail.id, mail.names], ['mail', ['mail.contoso.com']]);
    assert.deepEqual([ad.id, ad.names], ['autodiscover', ['autodiscover.contoso.com']]);
    assert.deepEqual(mail.services, ['IIS', 'SMTP']);
    assert.deepEqual(ad.services, [], 'the second site is bound by IIS, not Enable-ExchangeCertificate');
    assert.deepEqual(ad.bindings, [{ server: 'SERVER01', webSite: 'AutoDiscover', ipAddress: '192.168.10.12', createsWebSite: true }]);
  });
  test('external DNS points autodiscover at the second site\'s own public address', () => {
    assert.deepEqual(records(plan).filter((r) => r.includes(' A ')), ['autodiscover.contoso.com A 203.0.113.11', 'mail.contoso.com A 203.0.113.10']);
    assert.deepEqual(plan.internalDnsRecords.map((r) => `${r.name} ${r.value}`), ['mail.contoso.com 192.168.10.11', 'autodiscover.contoso.com 192.168.10.12']);
  });
});

describe('Contoso, SRV record', () => {
  const plan = buildPlan(contoso('srvRecord'));
  test('one name, mail; _autodiscover._tcp points at it; no autodiscover host is published', () => {
    assert.deepEqual(plan.certificates[0].names, ['mail.contoso.com']);
    assert.deepEqual(records(plan), [
      '_autodiscover._tcp.contoso.com SRV 0 0 443 mail.contoso.com',
      'mail.contoso.com A 203.0.113.10',
      'mail.contoso.com CAA 0 issue "digicert.com"',
    ]);
    assert.ok(!plan.dnsRecords.some((r) => r.name === 'autodiscover.contoso.com'));
    assert.equal(plan.endpoints.find((e) => e.service === 'Autodiscover')!.externalUrl, 'https://mail.contoso.com/Autodiscover/Autodiscover.xml', 'the SRV target');
  });
});

describe('additional email domains', () => {
  const zones = { hostedZones: { 'contoso.com': CONTOSO_ZONE_ID, 'fabrikam.com': FABRIKAM_ZONE_ID } };
  test('SAN certificate: autodiscover.fabrikam.com is on the certificate and in the fabrikam zone', () => {
    const plan = buildPlan(contoso('sanCertificate', { additionalEmailDomains: ['fabrikam.com'], ...zones }));
    assert.deepEqual(plan.certificates[0].names, ['mail.contoso.com', 'autodiscover.contoso.com', 'autodiscover.fabrikam.com']);
    const a = plan.dnsRecords.find((r) => r.name === 'autodiscover.fabrikam.com' && r.type === 'A')!;
    assert.equal(a.zoneId, FABRIKAM_ZONE_ID);
  });
  test('SRV record: one SRV per domain, both at mail.contoso.com', () => {
    const plan = buildPlan(contoso('srvRecord', { additionalEmailDomains: ['fabrikam.com'], ...zones }));
    assert.deepEqual(plan.dnsRecords.filter((r) => r.type === 'SRV').map((r) => `${r.zoneName} ${r.name} ${r.values[0]}`), [
      'contoso.com _autodiscover._tcp.contoso.com 0 0 443 mail.contoso.com',
      'fabrikam.com _autodiscover._tcp.fabrikam.com 0 0 443 mail.contoso.com',
    ]);
  });
  test('single name: the other domain gets an SRV record to the one name by default', () => {
    const plan = buildPlan(contoso('singleName', { additionalEmailDomains: ['fabrikam.com'], ...zones }));
    assert.deepEqual(plan.dnsRecords.filter((r) => r.type === 'SRV').map((r) => `${r.name} ${r.values[0]}`), ['_autodiscover._tcp.fabrikam.com 0 0 443 autodiscover.contoso.com']);
    assert.deepEqual(plan.certificates[0].names, ['autodiscover.contoso.com']);
  });
  test('each record goes in the zone with the longest matching suffix', () => {
    const plan = buildPlan(contoso('sanCertificate', { externalHostname: 'mail.eu.contoso.com', hostedZones: { 'contoso.com': CONTOSO_ZONE_ID, 'eu.contoso.com': 'ZEU0000000000000000' } }));
    assert.equal(plan.dnsRecords.find((r) => r.name === 'mail.eu.contoso.com' && r.type === 'A')!.zoneName, 'eu.contoso.com');
    assert.equal(plan.dnsRecords.find((r) => r.name === 'autodiscover.contoso.com' && r.type === 'A')!.zoneName, 'contoso.com');
  });
});

describe('name rules', () => {
  test('names are lower-cased, trailing dots removed, international names in punycode, duplicates refused', () => {
    const plan = buildPlan(
      contoso('sanCertificate', {
        emailDomain: 'Bücher.example.COM.',
        hostedZones: { 'xn--bcher-kva.example.com': CONTOSO_ZONE_ID },
      }),
    );
    assert.deepEqual(plan.certificates[0].names, ['mail.xn--bcher-kva.example.com', 'autodiscover.xn--bcher-kva.example.com']);
  });
  test('includeInternalNames with an enterprise CA reproduces the seed list: internal domain, server FQDN, NetBIOS name', () => {
    const plan = buildPlan(contoso('sanCertificate', { includeInternalNames: true, issuer: CertificateIssuer.enterpriseCa({ caConfig: 'ca01.contoso.local\\Contoso Issuing CA' }) }));
    assert.deepEqual(plan.certificates[0].names, ['mail.contoso.com', 'autodiscover.contoso.com', 'contoso.local', 'server01.contoso.local', 'server01']);
    assert.deepEqual(plan.certificates[0].internalNames, ['contoso.local', 'server01.contoso.local', 'server01']);
    assert.equal(plan.endpoints.find((e) => e.service === 'OWA')!.internalUrl, 'https://server01.contoso.local/owa');
    assert.deepEqual(plan.internalDnsRecords, []);
    assert.ok(!plan.dnsRecords.some((r) => r.type === 'CAA'), 'a private CA has no CAA identifier');
  });
  test('a wildcard in additionalNames gets issuewild CAA at its apex and no A record', () => {
    const plan = buildPlan(contoso('sanCertificate', { additionalNames: ['*.mail.contoso.com'] }));
    assert.ok(plan.dnsRecords.some((r) => r.name === 'mail.contoso.com' && r.type === 'CAA' && r.values.includes('0 issuewild "digicert.com"')));
    assert.ok(!plan.dnsRecords.some((r) => r.name.startsWith('*')));
  });
});

describe('modern example: Exchange 2019, two servers behind one address, two email domains', () => {
  const plan = buildPlan(modernTwoServers());
  test('one SAN certificate for both domains, exportable for the second server and the proxy', () => {
    const [cert] = plan.certificates;
    assert.deepEqual(cert.names, ['mail.contoso.com', 'autodiscover.contoso.com', 'autodiscover.fabrikam.com']);
    assert.equal(cert.privateKeyExportable, true);
    assert.equal(cert.exportPfx, true);
    assert.deepEqual(cert.bindings.map((b) => b.server), ['EX01', 'EX02']);
  });
  test('A and AAAA at the one public address for every name; URLs on both servers, MAPI included', () => {
    for (const name of ['mail.contoso.com', 'autodiscover.contoso.com', 'autodiscover.fabrikam.com']) {
      assert.deepEqual(plan.dnsRecords.find((r) => r.name === name && r.type === 'A')!.values, ['198.51.100.25']);
      assert.deepEqual(plan.dnsRecords.find((r) => r.name === name && r.type === 'AAAA')!.values, ['2001:db8:25::25']);
    }
    assert.deepEqual([...new Set(plan.endpoints.map((e) => e.server))], ['EX01', 'EX02']);
    assert.ok(plan.endpoints.some((e) => e.service === 'MAPI' && e.externalUrl === 'https://mail.contoso.com/mapi'));
  });
  test('Exchange SE accepts the same plan', () => {
    assert.doesNotThrow(() => buildPlan(modernTwoServers({ exchangeVersion: ExchangeVersion.EXCHANGE_SE })));
  });
  test('two-certificate layout with one site address per server', () => {
    const plan2 = buildPlan(modernTwoServers({ strategy: CertificateStrategy.twoCertificates({ autodiscoverPublicIpv4: '198.51.100.26', autodiscoverServerIpv4: ['10.0.1.31', '10.0.1.32'] }) }));
    assert.deepEqual(plan2.certificates[1].bindings.map((b) => `${b.server} ${b.ipAddress}`), ['EX01 10.0.1.31', 'EX02 10.0.1.32']);
  });
});

describe('domain validation the CA asks for', () => {
  test('public CA: one authorization domain per zone, made by the admin with the CA\'s value', () => {
    const plan = buildPlan(contoso('sanCertificate', { additionalEmailDomains: ['fabrikam.com'], hostedZones: { 'contoso.com': CONTOSO_ZONE_ID, 'fabrikam.com': FABRIKAM_ZONE_ID } }));
    assert.deepEqual(plan.domainValidation.map((v) => `${v.domain} ${v.madeBy}`), ['contoso.com admin', 'fabrikam.com admin']);
    assert.match(plan.domainValidation[0].note, /mail\.contoso\.com, autodiscover\.contoso\.com/);
  });
  test('ACM: one validation CNAME per name, made by the plan', () => {
    const plan = buildPlan(contoso('sanCertificate', { issuer: CertificateIssuer.acm() }));
    assert.deepEqual(plan.domainValidation.map((v) => `${v.certificateId} ${v.domain} ${v.madeBy}`), ['exchange mail.contoso.com plan', 'exchange autodiscover.contoso.com plan']);
  });
  test('private CA: nothing in public DNS', () => {
    assert.deepEqual(buildPlan(contoso('sanCertificate', { issuer: CertificateIssuer.enterpriseCa({ caConfig: 'ca01.contoso.local\\Contoso CA' }) })).domainValidation, []);
  });
});

describe('internal names are never published', () => {
  test('an AD domain under the public domain: server names go on the private certificate, not into public DNS', () => {
    const plan = buildPlan(modernTwoServers({ includeInternalNames: true, issuer: CertificateIssuer.enterpriseCa({ caConfig: 'ca01.corp.contoso.com\\Contoso CA' }) }));
    const [cert] = plan.certificates;
    assert.deepEqual(cert.internalNames, ['corp.contoso.com', 'ex01.corp.contoso.com', 'ex02.corp.contoso.com', 'ex01', 'ex02']);
    assert.deepEqual(cert.publicNames, ['mail.contoso.com', 'autodiscover.contoso.com', 'autodiscover.fabrikam.com']);
    const published = new Set(plan.dnsRecords.map((r) => r.name));
    for (const n of cert.internalNames) assert.ok(!published.has(n), `${n} is not in public DNS`);
  });
});

describe('CAA for more than one CA', () => {
  test('ACM on the load balancer and a public CA for the server: both may issue for the names', () => {
    const plan = buildPlan(contoso('sanCertificate', { issuer: CertificateIssuer.acm(), additionalCaaIdentifiers: ['DigiCert.com'] }));
    assert.deepEqual(plan.dnsRecords.find((r) => r.name === 'mail.contoso.com' && r.type === 'CAA')!.values, ['0 issue "amazon.com"', '0 issue "digicert.com"']);
    assert.deepEqual(plan.inputs.caaIdentifiers, ['amazon.com', 'digicert.com']);
  });
});

describe('the plan is read-only', () => {
  test('frozen all the way down', () => {
    const plan = buildPlan(contoso('sanCertificate'));
    assert.throws(() => (plan.certificates[0].names as string[]).push('x.contoso.com'), TypeError);
    assert.throws(() => ((plan.dnsRecords[0] as { ttl: number }).ttl = 1), TypeError);
  });
});
