/**
 * What a new user gets wrong in the first hour, and what the plan answers: every input
 * error at once in one PlanInputError (prop, value, reason, remedy each), misspelled props
 * refused with the right name, countries checked against Node's ICU data, internal-domain
 * typos, documentation addresses and CAA identifiers checked against the CAs' own pages.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import { App, TerraformStack } from 'cdktf';
import { buildPlan, CertificateIssuer, CertificateStrategy, ExchangeCertificatePlan, ExchangeCertificatePlanProps, PlanInputError } from '../../src';
import { contoso, contosoBase, CONTOSO_ZONE_ID } from '../fixtures/contoso';
import { listFiles, tempDir } from '../helpers/synth';

/** Contoso with addresses outside the documentation ranges, so only the case's own finding shows. */
const REAL_V4 = '20.1.2.3';
const san = (o: Partial<ExchangeCertificatePlanProps> = {}) => contoso('sanCertificate', { publicIpv4: [REAL_V4], ...o });
/** Props as plain JavaScript would pass them (misspelled keys, no type checker). */
const untyped = (o: Record<string, unknown>) => o as unknown as ExchangeCertificatePlanProps;

interface Refused {
  readonly what: string;
  readonly props: ExchangeCertificatePlanProps;
  readonly prop: string;
  readonly reason: RegExp;
  readonly remedy: RegExp;
}

interface Doubtful {
  readonly what: string;
  readonly props: ExchangeCertificatePlanProps;
  readonly finding: string;
  readonly severity: 'warning' | 'info';
  readonly message: RegExp;
}

const REFUSED: Refused[] = [
  { what: "'UK' for the United Kingdom", props: san({ organization: { name: 'Contoso Ltd', country: 'UK' } }), prop: 'organization.country', reason: /alias of 'GB' \(United Kingdom\)/, remedy: /use 'GB'/ },
  { what: "'XX', the user-assigned 'no country'", props: san({ organization: { name: 'Contoso Inc', country: 'XX' } }), prop: 'organization.country', reason: /user-assigned/, remedy: /organisation's country/ },
  { what: "'ZZ', ICU's unknown region", props: san({ organization: { name: 'Contoso Inc', country: 'ZZ' } }), prop: 'organization.country', reason: /user-assigned/, remedy: /like 'US'/ },
  { what: "'EU', a union, not a country", props: san({ organization: { name: 'Contoso Inc', country: 'EU' } }), prop: 'organization.country', reason: /not the ISO 3166-1 code of a country \('European Union'/, remedy: /organisation's country/ },
  { what: "'AB', no region at all", props: san({ organization: { name: 'Contoso Inc', country: 'AB' } }), prop: 'organization.country', reason: /not the ISO 3166-1 code of a country/, remedy: /like 'US'/ },
  { what: "'DD', East Germany's old code", props: san({ organization: { name: 'Contoso GmbH', country: 'DD' } }), prop: 'organization.country', reason: /alias of 'DE'/, remedy: /use 'DE'/ },
  { what: "'us' in lower case", props: san({ organization: { name: 'Contoso Inc', country: 'us' } }), prop: 'organization.country', reason: /lower case/, remedy: /use 'US'/ },
  { what: "internalDomain 'contoso.locl' (servers in contoso.local)", props: san({ internalDomain: 'contoso.locl' }), prop: 'internalDomain', reason: /one slip away from 'contoso\.local', where SERVER01 is/, remedy: /internalDomain: 'contoso\.local'/ },
  { what: "internalDomain 'contso.local'", props: san({ internalDomain: 'contso.local' }), prop: 'internalDomain', reason: /a typo\?/, remedy: /'contoso\.local'/ },
  { what: "CAA identifier 'www.digicert.com'", props: san({ issuer: CertificateIssuer.publicCa({ caaIdentifier: 'www.digicert.com' }) }), prop: 'issuer.caaIdentifier', reason: /not a CAA identifier DigiCert documents.*docs\.digicert\.com/, remedy: /use 'digicert\.com'/ },
  { what: "additional CAA identifier 'www.letsencrypt.org'", props: san({ additionalCaaIdentifiers: ['www.letsencrypt.org'] }), prop: 'additionalCaaIdentifiers[0]', reason: /Let's Encrypt/, remedy: /use 'letsencrypt\.org'/ },
  { what: "CAA identifier 'ssl.comodoca.com' (Sectigo's is the bare domain)", props: san({ issuer: CertificateIssuer.publicCa({ caaIdentifier: 'ssl.comodoca.com' }) }), prop: 'issuer.caaIdentifier', reason: /Sectigo/, remedy: /use 'comodoca\.com'/ },
  { what: "misspelled 'keysize'", props: untyped({ ...san(), keysize: 4096 }), prop: 'keysize', reason: /not a prop of ExchangeCertificatePlan; did you mean 'keySize'/, remedy: /rename it to 'keySize'/ },
  { what: "misspelled 'caaRecord'", props: untyped({ ...san(), caaRecord: false }), prop: 'caaRecord', reason: /did you mean 'caaRecords'/, remedy: /'caaRecords'/ },
  { what: "misspelled 'hostedZone' (and hostedZones missing)", props: untyped({ ...san(), hostedZones: undefined, hostedZone: { 'contoso.com': CONTOSO_ZONE_ID } }), prop: 'hostedZone', reason: /did you mean 'hostedZones'/, remedy: /'hostedZones'/ },
  { what: "misspelled 'organization.contry'", props: untyped({ ...san(), organization: { name: 'Contoso Inc', contry: 'US' } }), prop: 'organization.contry', reason: /not a prop of organization; did you mean 'country'/, remedy: /'organization\.country'/ },
  { what: "'servers[0].ip' for ipv4", props: untyped({ ...san(), servers: [{ name: 'SERVER01', fqdn: 'server01.contoso.local', ip: '192.168.10.11' }] }), prop: 'servers[0].ip', reason: /not a prop of servers\[\]/, remedy: /rename it to 'servers\[0\]\.ipv4'/ },
  {
    what: "misspelled publicCa option 'caaIdentifer' (no CAA records would be made)",
    props: san({ issuer: CertificateIssuer.publicCa({ caaIdentifer: 'digicert.com' } as never) }),
    prop: 'issuer.caaIdentifer',
    reason: /not an option of CertificateIssuer\.publicCa\(\); did you mean 'caaIdentifier'/,
    remedy: /rename it to 'issuer\.caaIdentifier'/,
  },
  {
    what: "misspelled twoCertificates option 'webSitename'",
    props: contoso('twoCertificates', { strategy: CertificateStrategy.twoCertificates({ autodiscoverPublicIpv4: '203.0.113.11', autodiscoverServerIpv4: '192.168.10.12', webSitename: 'Autodiscover' } as never) }),
    prop: 'strategy.webSitename',
    reason: /not an option of CertificateStrategy\.twoCertificates\(\); did you mean 'webSiteName'/,
    remedy: /'strategy\.webSiteName'/,
  },
  { what: 'a prop that is nothing like a known one', props: untyped({ ...san(), colour: 'blue' }), prop: 'colour', reason: /not a prop of ExchangeCertificatePlan$/, remedy: /remove it; the known props are exchangeVersion, organization/ },
];

const DOUBTFUL: Doubtful[] = [
  { what: 'public address in 192.0.2.0/24', props: san({ publicIpv4: ['192.0.2.10'] }), finding: 'EXC-DOCUMENTATION-ADDRESS', severity: 'warning', message: /192\.0\.2\.10 \(publicIpv4\[0\]\) is in the documentation range 192\.0\.2\.0\/24/ },
  { what: 'public address in 198.51.100.0/24', props: san({ publicIpv4: ['198.51.100.7'] }), finding: 'EXC-DOCUMENTATION-ADDRESS', severity: 'warning', message: /198\.51\.100\.0\/24/ },
  { what: 'public address in 203.0.113.0/24 (the seed example)', props: contoso('sanCertificate'), finding: 'EXC-DOCUMENTATION-ADDRESS', severity: 'warning', message: /203\.0\.113\.10 .* 203\.0\.113\.0\/24/ },
  { what: 'IPv6 in 2001:db8::/32', props: san({ publicIpv6: ['2001:db8::25'] }), finding: 'EXC-DOCUMENTATION-ADDRESS', severity: 'warning', message: /2001:db8::25 \(publicIpv6\[0\]\).*2001:db8::\/32/ },
  {
    what: "the Autodiscover site's documentation address (twoCertificates)",
    props: contoso('twoCertificates', { publicIpv4: [REAL_V4], strategy: CertificateStrategy.twoCertificates({ autodiscoverPublicIpv4: '203.0.113.11', autodiscoverServerIpv4: '192.168.10.12' }) }),
    finding: 'EXC-DOCUMENTATION-ADDRESS',
    severity: 'warning',
    message: /203\.0\.113\.11 \(strategy\.autodiscoverPublicIpv4\)/,
  },
  { what: 'server FQDN outside internalDomain', props: san({ servers: [{ name: 'SERVER01', fqdn: 'server01.contoso.com', ipv4: '192.168.10.11' }] }), finding: 'EXC-SERVER-OUTSIDE-INTERNAL-DOMAIN', severity: 'warning', message: /SERVER01 \(server01\.contoso\.com\) is not in the internal domain contoso\.local/ },
  {
    what: 'one of two servers outside internalDomain',
    props: san({ servers: [{ name: 'SERVER01', fqdn: 'server01.contoso.local' }, { name: 'SERVER02', fqdn: 'server02.emea.fabrikam.net' }] }),
    finding: 'EXC-SERVER-OUTSIDE-INTERNAL-DOMAIN',
    severity: 'warning',
    message: /^SERVER02 \(server02\.emea\.fabrikam\.net\) is not/,
  },
  { what: 'a CAA identifier no documented CA uses', props: san({ issuer: CertificateIssuer.publicCa({ caaIdentifier: 'buypass.com' }) }), finding: 'EXC-CAA-IDENTIFIER-UNCHECKED', severity: 'info', message: /'buypass\.com' is not among those/ },
];

function construct(props: ExchangeCertificatePlanProps): { error: unknown; outdir: string } {
  const outdir = tempDir('first-hour');
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'first-hour');
  try {
    new ExchangeCertificatePlan(stack, 'plan', props);
    app.synth();
    return { error: undefined, outdir };
  } catch (e) {
    return { error: e, outdir };
  }
}

describe('first-hour inputs: refused with prop, value, reason and remedy; doubtful ones warned', () => {
  test('the table holds at least 20 new cases, each distinct', () => {
    assert.ok(REFUSED.length + DOUBTFUL.length >= 20, `${REFUSED.length + DOUBTFUL.length} cases`);
    assert.equal(new Set([...REFUSED, ...DOUBTFUL].map((c) => c.what)).size, REFUSED.length + DOUBTFUL.length);
  });

  for (const c of REFUSED) {
    test(`refused: ${c.what}`, () => {
      const { error, outdir } = construct(c.props);
      assert.ok(error instanceof PlanInputError, `expected a PlanInputError, got ${String(error)}`);
      const p = error.problems.find((x) => x.prop === c.prop);
      assert.ok(p, `a problem names ${c.prop}: ${error.message}`);
      assert.match(p.reason, c.reason);
      assert.match(p.remedy, c.remedy);
      assert.ok(error.message.includes(`${c.prop} = `), error.message);
      assert.doesNotMatch(error.message, /undefined/);
      assert.deepEqual(fs.existsSync(outdir) ? listFiles(outdir) : [], [], 'nothing is written');
    });
  }

  for (const c of DOUBTFUL) {
    test(`${c.severity}: ${c.what}`, () => {
      const f = buildPlan(c.props).findings.find((x) => x.id === c.finding);
      assert.ok(f, `finding ${c.finding}`);
      assert.equal(f.severity, c.severity);
      assert.match(f.message, c.message);
      assert.ok(f.remedy.length > 0);
    });
  }

  test('the same plans without the doubt give no such finding', () => {
    const clean = buildPlan(san()).findings.map((f) => f.id);
    for (const id of ['EXC-DOCUMENTATION-ADDRESS', 'EXC-SERVER-OUTSIDE-INTERNAL-DOMAIN', 'EXC-CAA-IDENTIFIER-UNCHECKED']) assert.ok(!clean.includes(id), id);
    for (const caa of ['digicert.com', 'sectigo.com', 'letsencrypt.org', 'pki.goog', 'globalsign.com']) {
      assert.ok(!buildPlan(san({ issuer: CertificateIssuer.publicCa({ caaIdentifier: caa }) })).findings.some((f) => f.id.startsWith('EXC-CAA')), caa);
    }
    for (const country of ['US', 'GB', 'DE', 'JP', 'AQ', 'SS', 'CW']) {
      assert.doesNotThrow(() => buildPlan(san({ organization: { name: 'Contoso', country } })), country);
    }
  });
});

describe('every input error at once, in one PlanInputError', () => {
  const many = untyped({
    ...contosoBase,
    strategy: CertificateStrategy.sanCertificate(),
    organization: { name: 'Contoso Inc', country: 'UK' },
    emailDomain: 'contoso..com',
    publicIpv4: ['192.168.1.1'],
    keySize: 1024,
    dnsTtl: -5,
    plannedIssueDate: '2026-02-30',
    internalDomain: 'contoso.locl',
    emailDomian: 'contoso.com',
  });

  test('all problems listed, each with prop, value, reason and remedy, none undefined', () => {
    const { error } = construct(many);
    assert.ok(error instanceof PlanInputError);
    assert.deepEqual(
      error.problems.map((p) => p.prop),
      ['emailDomian', 'organization.country', 'emailDomain', 'internalDomain', 'publicIpv4[0]', 'keySize', 'dnsTtl', 'plannedIssueDate'],
    );
    for (const p of error.problems) {
      assert.ok(p.reason.length > 0 && p.remedy.length > 0, p.prop);
      assert.ok(error.message.includes(`${p.prop} = `), p.prop);
    }
    assert.match(error.message, /^ExchangeCertificatePlan: 8 input errors \(nothing was synthesized\):\n {2}- emailDomian = "contoso\.com": /);
    assert.equal(error.message.match(/\n {4}Fix: /g)?.length, 8, 'one Fix line per problem');
    assert.doesNotMatch(error.message, /undefined/);
    // The first problem stays on the error itself, for code that handles one.
    assert.equal(error.prop, 'emailDomian');
    assert.equal(error.remedy, error.problems[0].remedy);
  });

  test('no call stack, and nothing undefined, when node prints it', () => {
    const { error } = construct(many);
    assert.ok(error instanceof PlanInputError);
    assert.doesNotMatch(String(error.stack), /\n\s+at /);
    const printed = require('node:util').inspect(error) as string;
    assert.doesNotMatch(printed, /undefined|\n\s+at /);
    assert.equal(printed.split('emailDomian = ').length - 1, 1, 'the list appears once');
  });

  test('under the cdktf CLI: one error annotation, nothing of the plan synthesized, fields give the same error', () => {
    const before = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
    try {
      const outdir = tempDir('first-hour-cli');
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'first-hour');
      const plan = new ExchangeCertificatePlan(stack, 'plan', many);
      app.synth();
      const manifest = JSON.parse(fs.readFileSync(`${outdir}/manifest.json`, 'utf8'));
      const annotations = manifest.stacks['first-hour'].annotations as { level: string; message: string }[];
      const errors = annotations.filter((a) => a.level === '@cdktf/error');
      assert.equal(errors.length, 1);
      assert.match(errors[0].message, /^ExchangeCertificatePlan: 8 input errors/);
      const synthesized = fs.readFileSync(`${outdir}/stacks/first-hour/cdk.tf.json`, 'utf8');
      assert.doesNotMatch(synthesized, /aws_route53_record|"output"/);
      assert.ok(!fs.existsSync(`${outdir}/stacks/first-hour/assets`));
      assert.throws(() => plan.plan, PlanInputError);
      assert.throws(() => plan.dnsRecords, (e: unknown) => e instanceof PlanInputError && e.problems.length === 8);
    } finally {
      if (before === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
      else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = before;
    }
  });

  test('rule errors (they need the whole plan) are gathered too', () => {
    const { error } = construct(san({ includeInternalNames: true, certificateRequests: { mial: undefined as never } }));
    assert.ok(error instanceof PlanInputError);
    assert.deepEqual(error.problems.map((p) => p.prop), ['certificateRequests.mial']);
    const both = construct(san({ includeInternalNames: true, certificateRequests: { mial: require('../../src').CertificateRequest.onServer() } })).error;
    assert.ok(both instanceof PlanInputError);
    assert.deepEqual(both.problems.map((p) => p.prop), ['certificateRequests.mial', 'includeInternalNames']);
  });
});
