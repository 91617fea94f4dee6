/**
 * The bad-input table: each entry is refused at construction with a PlanInputError that
 * names the prop and the offending value, and nothing is written to the output folder.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import { App, TerraformStack } from 'cdktf';
import {
  CertificateIssuer,
  CertificateRequest,
  CertificateStrategy,
  ExchangeCertificatePlan,
  ExchangeCertificatePlanProps,
  ExchangeService,
  ExchangeVersion,
  PlanInputError,
} from '../../src';
import { contoso, modernTwoServers } from '../fixtures/contoso';
import { listFiles, tempDir } from '../helpers/synth';

interface BadInput {
  readonly what: string;
  readonly props: ExchangeCertificatePlanProps;
  /** The prop the error must name. */
  readonly prop: string;
  /** Text of the offending value the message must show. */
  readonly value: string;
}

const san = (o: Partial<ExchangeCertificatePlanProps>) => contoso('sanCertificate', o);
const long63 = 'a'.repeat(63);

const TABLE: BadInput[] = [
  { what: 'empty label in the email domain', props: san({ emailDomain: 'contoso..com' }), prop: 'emailDomain', value: 'contoso..com' },
  { what: 'internal email domain', props: san({ emailDomain: 'contoso.local' }), prop: 'emailDomain', value: 'contoso.local' },
  { what: 'label starting with a hyphen', props: san({ emailDomain: '-contoso.com' }), prop: 'emailDomain', value: '-contoso.com' },
  { what: 'label of 64 characters', props: san({ externalHostname: `${'m'.repeat(64)}.contoso.com` }), prop: 'externalHostname', value: 'mmmmmmmm' },
  { what: 'name longer than 253 characters', props: san({ externalHostname: `${long63}.${long63}.${long63}.${long63}.contoso.com` }), prop: 'externalHostname', value: 'aaaaaaaa' },
  { what: 'IP address where a host name belongs', props: san({ externalHostname: '203.0.113.10' }), prop: 'externalHostname', value: '203.0.113.10' },
  { what: 'URL where a host name belongs', props: san({ externalHostname: 'https://mail.contoso.com/owa' }), prop: 'externalHostname', value: 'https://mail.contoso.com/owa' },
  { what: 'underscore in a host name', props: san({ externalHostname: 'mail_server.contoso.com' }), prop: 'externalHostname', value: 'mail_server.contoso.com' },
  { what: 'wildcard as the autodiscover host', props: san({ autodiscoverHostname: '*.contoso.com' }), prop: 'autodiscoverHostname', value: '*.contoso.com' },
  { what: 'wildcard in the middle of a name', props: san({ additionalNames: ['mail.*.contoso.com'] }), prop: 'additionalNames[0]', value: 'mail.*.contoso.com' },
  { what: 'wildcard directly under a TLD', props: san({ additionalNames: ['*.com'] }), prop: 'additionalNames[0]', value: '*.com' },
  { what: 'partial-label wildcard', props: san({ additionalNames: ['mail*.contoso.com'] }), prop: 'additionalNames[0]', value: 'mail*.contoso.com' },
  { what: 'additional name repeating the mail host', props: san({ additionalNames: ['MAIL.contoso.com.'] }), prop: 'additionalNames', value: 'mail.contoso.com' },
  { what: 'additional email domain repeating the primary', props: san({ additionalEmailDomains: ['Contoso.com'] }), prop: 'additionalEmailDomains', value: 'contoso.com' },
  { what: 'no servers', props: san({ servers: [] }), prop: 'servers', value: '[]' },
  { what: 'NetBIOS name over 15 characters', props: san({ servers: [{ name: 'SERVER01-MAILBOX1', fqdn: 'server01-mailbox1.contoso.local' }] }), prop: 'servers[0].name', value: 'SERVER01-MAILBOX1' },
  { what: 'server FQDN not matching its name', props: san({ servers: [{ name: 'SERVER01', fqdn: 'server02.contoso.local' }] }), prop: 'servers[0].fqdn', value: 'server02.contoso.local' },
  { what: 'the same server twice', props: san({ servers: [{ name: 'SERVER01', fqdn: 'server01.contoso.local' }, { name: 'server01', fqdn: 'server01.contoso.local' }] }), prop: 'servers', value: 'SERVER01' },
  { what: 'private address as the public address', props: san({ publicIpv4: ['192.168.10.11'] }), prop: 'publicIpv4[0]', value: '192.168.10.11' },
  { what: 'RFC 1918 10/8 address as public', props: san({ publicIpv4: ['10.0.0.5'] }), prop: 'publicIpv4[0]', value: '10.0.0.5' },
  { what: 'loopback as public', props: san({ publicIpv4: ['127.0.0.1'] }), prop: 'publicIpv4[0]', value: '127.0.0.1' },
  { what: 'carrier-grade NAT address as public', props: san({ publicIpv4: ['100.64.1.1'] }), prop: 'publicIpv4[0]', value: '100.64.1.1' },
  { what: 'host name in the address list', props: san({ publicIpv4: ['mail.contoso.com'] }), prop: 'publicIpv4[0]', value: 'mail.contoso.com' },
  { what: 'no public address', props: san({ publicIpv4: [] }), prop: 'publicIpv4', value: '[]' },
  { what: 'the same public address twice', props: san({ publicIpv4: ['203.0.113.10', '203.0.113.10'] }), prop: 'publicIpv4', value: '203.0.113.10' },
  { what: 'unique-local IPv6 as public', props: san({ publicIpv6: ['fd00::10'] }), prop: 'publicIpv6[0]', value: 'fd00::10' },
  { what: 'link-local IPv6 as public', props: san({ publicIpv6: ['fe80::1'] }), prop: 'publicIpv6[0]', value: 'fe80::1' },
  { what: 'UM on Exchange 2019', props: modernTwoServers({ services: [ExchangeService.IIS, ExchangeService.UM] }), prop: 'services[1]', value: 'UM' },
  { what: 'UM on Exchange SE', props: modernTwoServers({ exchangeVersion: ExchangeVersion.EXCHANGE_SE, services: [ExchangeService.UM] }), prop: 'services[0]', value: 'UM' },
  { what: 'UMCallRouter on Exchange 2007', props: san({ services: [ExchangeService.IIS, ExchangeService.UM_CALL_ROUTER] }), prop: 'services[1]', value: 'UMCallRouter' },
  { what: 'Federation on Exchange 2007', props: san({ services: [ExchangeService.FEDERATION] }), prop: 'services[0]', value: 'Federation' },
  { what: 'a service that does not exist', props: san({ services: ['HTTP' as ExchangeService] }), prop: 'services[0]', value: 'HTTP' },
  { what: 'the seed\'s 1024-bit key', props: san({ keySize: 1024 }), prop: 'keySize', value: '1024' },
  { what: 'an odd key size', props: san({ keySize: 2000 }), prop: 'keySize', value: '2000' },
  { what: 'internal names with a public CA', props: san({ includeInternalNames: true }), prop: 'includeInternalNames', value: 'true' },
  { what: 'internal names with ACM', props: san({ includeInternalNames: true, issuer: CertificateIssuer.acm() }), prop: 'includeInternalNames', value: 'true' },
  {
    what: 'more names than ACM allows by default',
    props: san({
      issuer: CertificateIssuer.acm(),
      additionalEmailDomains: Array.from({ length: 9 }, (_, i) => `brand${i}.com`),
      hostedZones: Object.fromEntries([['contoso.com', 'Z0123456789ABCDEFGHIJ'], ...Array.from({ length: 9 }, (_, i) => [`brand${i}.com`, `Z00000000000000000${i}`])]),
    }),
    prop: 'issuer.maxNamesPerCertificate',
    value: '10',
  },
  { what: 'an ACM quota above 100', props: san({ issuer: CertificateIssuer.acm({ maxNamesPerCertificate: 150 }) }), prop: 'issuer.maxNamesPerCertificate', value: '150' },
  { what: 'a 4096-bit key with ACM', props: san({ issuer: CertificateIssuer.acm(), keySize: 4096 }), prop: 'keySize', value: '4096' },
  {
    what: 'a record with no hosted zone',
    props: san({ additionalEmailDomains: ['fabrikam.com'] }),
    prop: 'hostedZones',
    value: 'autodiscover.fabrikam.com',
  },
  { what: 'no hosted zones', props: san({ hostedZones: {} }), prop: 'hostedZones', value: '{}' },
  { what: 'a malformed hosted zone id', props: san({ hostedZones: { 'contoso.com': 'contoso-zone' } }), prop: "hostedZones['contoso.com']", value: 'contoso-zone' },
  { what: 'a negative TTL', props: san({ dnsTtl: -1 }), prop: 'dnsTtl', value: '-1' },
  { what: 'a three-letter country', props: san({ organization: { name: 'Contoso Inc', country: 'USA' } }), prop: 'organization.country', value: 'USA' },
  { what: 'a line break in the organisation', props: san({ organization: { name: 'Contoso\nInc', country: 'US' } }), prop: 'organization.name', value: 'Contoso\\nInc' },
  { what: 'an organisation over 64 characters', props: san({ organization: { name: 'C'.repeat(65), country: 'US' } }), prop: 'organization.name', value: 'CCCCCCCC' },
  {
    what: 'twoCertificates sharing the mail address',
    props: contoso('twoCertificates', { strategy: CertificateStrategy.twoCertificates({ autodiscoverPublicIpv4: '203.0.113.10', autodiscoverServerIpv4: '192.168.10.12' }) }),
    prop: 'strategy.autodiscoverPublicIpv4',
    value: '203.0.113.10',
  },
  {
    what: 'twoCertificates with a private public address',
    props: contoso('twoCertificates', { strategy: CertificateStrategy.twoCertificates({ autodiscoverPublicIpv4: '172.16.0.9', autodiscoverServerIpv4: '192.168.10.12' }) }),
    prop: 'strategy.autodiscoverPublicIpv4',
    value: '172.16.0.9',
  },
  {
    what: 'twoCertificates with one site address for two servers',
    props: modernTwoServers({ strategy: CertificateStrategy.twoCertificates({ autodiscoverPublicIpv4: '198.51.100.26', autodiscoverServerIpv4: '10.0.1.31' }) }),
    prop: 'strategy.autodiscoverServerIpv4',
    value: '10.0.1.31',
  },
  { what: 'singleName with a separate mail host', props: contoso('singleName', { externalHostname: 'mail.contoso.com' }), prop: 'externalHostname', value: 'mail.contoso.com' },
  { what: 'an impossible issue date', props: san({ plannedIssueDate: '2026-02-30' }), prop: 'plannedIssueDate', value: '2026-02-30' },
  { what: 'CAA records for a CA without identifier', props: san({ issuer: CertificateIssuer.publicCa(), caaRecords: true }), prop: 'caaRecords', value: 'true' },
  { what: 'a malformed ACM Private CA ARN', props: san({ issuer: CertificateIssuer.acmPrivateCa({ certificateAuthorityArn: 'arn:aws:acm:us-east-1:123:certificate/x' }) }), prop: 'issuer.certificateAuthorityArn', value: 'arn:aws:acm:us-east-1:123:certificate/x' },
  { what: 'an enterprise CA config without the CA name', props: san({ issuer: CertificateIssuer.enterpriseCa({ caConfig: 'ca01.contoso.local' }) }), prop: 'issuer.caConfig', value: 'ca01.contoso.local' },
  {
    what: 'a lifetime over the CA/B limit on the planned issue date',
    props: san({ issuer: CertificateIssuer.publicCa({ caaIdentifier: 'digicert.com', validityDays: 398 }), plannedIssueDate: '2026-06-01' }),
    prop: 'issuer.validityDays',
    value: '398',
  },
  { what: 'the mail host at the zone apex', props: san({ externalHostname: 'contoso.com' }), prop: 'externalHostname', value: 'contoso.com' },
  { what: 'an extra name at the zone apex without declaring Exchange there', props: san({ additionalNames: ['contoso.com'] }), prop: 'additionalNames[0]', value: 'contoso.com' },
  { what: 'a wildcard in a domain without hosted zone', props: san({ additionalNames: ['*.fabrikam.com'], caaRecords: false }), prop: 'additionalNames[0]', value: '*.fabrikam.com' },
  { what: 'a CSR file with ACM', props: san({ issuer: CertificateIssuer.acm(), certificateRequest: CertificateRequest.fromFile('exchange.req') }), prop: 'certificateRequest', value: 'fromFile' },
  { what: 'a request for a certificate the plan does not have', props: san({ certificateRequests: { mial: CertificateRequest.onServer() } }), prop: 'certificateRequests.mial', value: 'mial' },
  { what: 'the issuer repeated as an additional CAA identifier', props: san({ additionalCaaIdentifiers: ['DigiCert.com'] }), prop: 'additionalCaaIdentifiers', value: 'digicert.com' },
];

describe('bad input is refused at construction, naming the prop and the value, with no output', () => {
  test('the table holds at least 30 distinct cases', () => {
    assert.ok(TABLE.length >= 30, `only ${TABLE.length} cases`);
    assert.equal(new Set(TABLE.map((c) => c.what)).size, TABLE.length);
  });

  for (const c of TABLE) {
    test(c.what, () => {
      const outdir = tempDir('bad-input');
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'bad');
      let error: unknown;
      try {
        new ExchangeCertificatePlan(stack, 'plan', c.props);
        app.synth();
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof PlanInputError, `expected a PlanInputError, got ${String(error)}`);
      assert.equal(error.prop, c.prop, error.message);
      assert.ok(error.message.includes(`${c.prop} = `), `message names the prop: ${error.message}`);
      assert.ok(error.message.includes(c.value), `message shows the value '${c.value}': ${error.message}`);
      assert.deepEqual(fs.existsSync(outdir) ? listFiles(outdir) : [], [], 'nothing is written to the output folder');
    });
  }
});
