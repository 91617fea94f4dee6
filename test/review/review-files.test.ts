import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { buildPlan, CertificateIssuer, ExchangePlan, ExchangeVersion, GeneratedFile, RootDomainResponder } from '../../src';
import { PLAN_JSON_SCHEMA, renderReview } from '../../src/review';
import schema from '../../src/review/plan-schema.json';
import { contoso, modernTwoServers, ROUTABLE_IPV4 } from '../fixtures/contoso';
import {
  autodiscoverNameMissing,
  autodiscoverOnWrongSite,
  internalUrlsOnServerName,
  secondDomainBySrv,
  secondDomainUncovered,
  SEED_STRATEGIES,
} from './known-bad-plans';

const SCRIPTS: GeneratedFile[] = [
  { path: 'scripts/03-bind-certificate.ps1', content: '# 3\n', summary: 'Enables the certificate for IIS and SMTP.' },
  { path: 'scripts/01-request-certificate.ps1', content: '# 1\n', summary: 'Makes the request on SERVER01.' },
  { path: 'scripts/02-import-certificate.ps1', content: '# 2\n', summary: 'Imports the issued certificate.' },
];

const review = (plan: ExchangePlan) => {
  const files = renderReview(plan, SCRIPTS);
  const md = files.find((f) => f.path === 'PLAN.md')!;
  const json = files.find((f) => f.path === 'plan.json')!;
  return { files, md: md.content, json: json.content, data: JSON.parse(json.content) };
};

const validateSchema = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

const ALL_PLANS: [string, () => ExchangePlan][] = [
  ...SEED_STRATEGIES.map((s): [string, () => ExchangePlan] => [`Contoso ${s}`, () => buildPlan(contoso(s))]),
  ['Exchange 2019, two servers, two domains', () => buildPlan(modernTwoServers())],
  ['enterprise CA with internal names', () => buildPlan(contoso('sanCertificate', { issuer: CertificateIssuer.enterpriseCa({ caConfig: 'ca01.contoso.local\\Contoso Issuing CA' }), includeInternalNames: true, plannedIssueDate: '2026-04-01' }))],
  ['root domain declared Exchange', () => buildPlan(contoso('sanCertificate', { additionalNames: ['contoso.com'], rootDomainResponders: { 'contoso.com': RootDomainResponder.exchange() } }))],
  ['autodiscover name missing', autodiscoverNameMissing],
  ['autodiscover host on the wrong site', autodiscoverOnWrongSite],
  ['internal URLs on the server name', internalUrlsOnServerName],
  ['second domain uncovered', secondDomainUncovered],
  ['second domain by SRV', secondDomainBySrv],
  ['hybrid, connectors and the Auth certificate declared', () => buildPlan(modernTwoServers({ hybrid: { receiveConnectors: ['EX01\\Default Frontend EX01'], authCertificate: { notAfter: '2028-03-14' } } }))],
];

describe('renderReview: PLAN.md and plan.json at the root of the asset folder', () => {
  test('returns exactly PLAN.md and plan.json, each with a one-line summary', () => {
    const files = renderReview(buildPlan(contoso('sanCertificate')), SCRIPTS);
    assert.deepEqual(files.map((f) => f.path), ['PLAN.md', 'plan.json']);
    for (const f of files) assert.ok(f.summary.length > 0 && !f.summary.includes('\n'));
  });

  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validate = ajv.compile(schema);
  for (const [name, make] of ALL_PLANS) {
    test(`${name}: plan.json validates against plan-schema.json`, () => {
      const { data } = review(make());
      const ok = validate(data);
      assert.ok(ok, JSON.stringify(validate.errors, null, 2));
      assert.equal(data.schemaVersion, 3);
    });
  }

  test('the schema is exported for other tools and names its draft', () => {
    assert.deepEqual(PLAN_JSON_SCHEMA, schema);
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  });

  test('the internal-names plan: its six warning rows at one host name are one finding, beside the version and documentation-address warnings', () => {
    const { data } = review(internalUrlsOnServerName());
    assert.equal(data.verdict.warnings, 3);
    assert.equal(data.findings.filter((f: { id: string }) => f.id === 'EXC-DOCUMENTATION-ADDRESS').length, 1);
    const coverage = data.findings.filter((f: { kind: string }) => f.kind === 'certificateWarning');
    assert.equal(coverage.length, 1);
    assert.match(coverage[0].message, /^domain-joined OWA, EWS, OAB, ActiveSync, Autodiscover \(SCP in Active Directory\), SMTP at server01\.contoso\.local: /);
    assert.deepEqual(coverage[0].servers, ['SERVER01']);
  });

  test('the schema rejects a document that breaks it (the check can fail)', () => {
    const { data } = review(buildPlan(contoso('sanCertificate')));
    assert.equal(validate({ ...data, schemaVersion: 1 }), false);
    assert.equal(validate({ ...data, coverage: [{ ...data.coverage[0], result: 'fine' }] }), false);
    assert.equal(validate({ ...data, extra: true }), false);
  });

  test('plan.json keeps a fixed top-level key order', () => {
    assert.deepEqual(Object.keys(review(buildPlan(contoso('srvRecord'))).data), [
      'schemaVersion', 'verdict', 'exchangeVersion', 'strategy', 'issuer', 'hostnames', 'emailDomains', 'servers', 'certificates',
      'dnsRecords', 'internalDnsRecords', 'domainValidation', 'files', 'findings', 'placeholder', 'coverage', 'autodiscoverWalks', 'inputs',
    ]);
  });
});

describe('determinism', () => {
  for (const [name, make] of ALL_PLANS) {
    test(`${name}: two renders, from two builds of the plan, are byte-identical`, () => {
      const a = renderReview(make(), SCRIPTS);
      const b = renderReview(make(), [...SCRIPTS].reverse());
      assert.deepEqual(b.map((f) => Buffer.from(f.content)), a.map((f) => Buffer.from(f.content)));
    });
  }

  test('no time, no absolute path: a CSR file given by absolute path appears by its name, a local key path not at all', () => {
    const plan = buildPlan(contoso('twoCertificates'));
    const copy: ExchangePlan = {
      ...plan,
      certificates: [
        { ...plan.certificates[0], requestSource: { kind: 'fromFile', path: '/home/alice/requests/mail.req' } },
        { ...plan.certificates[1], requestSource: { kind: 'generateLocally', privateKeyPath: 'C:\\Users\\alice\\keys\\autodiscover.key' } },
      ],
    };
    const { md, json, data } = review(copy);
    for (const text of [md, json]) {
      assert.ok(!text.includes('/home/alice'), 'absolute CSR path');
      assert.ok(!text.includes('alice'), 'user directory');
      assert.ok(!text.includes('autodiscover.key'), 'private key path');
      assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'timestamp');
    }
    assert.deepEqual(data.certificates[0].requestSource.file, 'mail.req');
    assert.equal(data.certificates[1].requestSource.file, undefined);
  });
});

describe('PLAN.md reads on its own in a pull request', () => {
  test('the verdict comes first: "No warning for any client" for the seed on a supported version, distinct findings counted for a bad plan', () => {
    const good = review(buildPlan(contoso('sanCertificate', { exchangeVersion: ExchangeVersion.EXCHANGE_SE, publicIpv4: [ROUTABLE_IPV4], rootDomainResponders: { 'contoso.com': RootDomainResponder.nothing() } }))).md.split('\n');
    assert.match(good[0], /^# Exchange certificate plan: contoso\.com$/);
    assert.match(good[2], /^\*\*No warning for any client(; \d+ notes?)?\.\*\*$/);
    // Exchange 2007 is out of support: that warning counts too (it did not, above an unsupported-version row).
    assert.equal(review(buildPlan(contoso('sanCertificate', { publicIpv4: [ROUTABLE_IPV4], rootDomainResponders: { 'contoso.com': RootDomainResponder.nothing() } }))).md.split('\n')[2], '**1 warning; 1 note.**');
    const { md, data } = review(autodiscoverNameMissing());
    const bad = md.split('\n');
    assert.equal(bad[2], '**3 warnings (covering 1 email domain and 1 server); 1 risk outside the plan; 2 notes.**');
    assert.match(md, /\| \*\*warning\*\* \| `COVERAGE-WARNING` external Autodiscover \(autodiscover host for contoso\.com\) at autodiscover\.contoso\.com: certificate 'exchange' names mail\.contoso\.com, not autodiscover\.contoso\.com/);
    assert.deepEqual(data.findings.map((f: { id: string }) => f.id), ['EXC-VERSION-UNSUPPORTED', 'EXC-DOCUMENTATION-ADDRESS', 'COVERAGE-WARNING', 'COVERAGE-RISK', 'EXC-ROOT-DOMAIN-UNDECLARED', 'EXC-SPLIT-DNS']);
  });

  test('sections in order, scripts in run order with their summaries', () => {
    const { md } = review(buildPlan(contoso('twoCertificates')));
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    assert.deepEqual(headings, [
      '## Findings',
      '## Certificates',
      '## Domain validation (what the CA checks before it issues)',
      '## External DNS records (Route53, created by the plan)',
      '## Internal DNS records (split DNS, create by hand)',
      '## Scripts and files, in run order',
      '## Server settings the scripts change besides the binding',
      '## Client coverage',
      '## Autodiscover walk',
      '## Inputs',
    ]);
    assert.match(md, /\| 1 \| `scripts\/01-request-certificate\.ps1` \| Makes the request on SERVER01\. \|\n\| 2 \| `scripts\/02-import-certificate\.ps1` \|/);
    assert.match(md, /\| Names \| `autodiscover\.contoso\.com` \|/);
    assert.match(md, /\| Bound to \| SERVER01: AutoDiscover on 192\.168\.10\.12 \(created by the scripts\) \|/);
    assert.match(md, /\| Renewal \| 30 days before the expiry date on the issued certificate \|/);
  });

  test('lifetime and renewal as dates when the issue date is planned', () => {
    const { md } = review(buildPlan(contoso('sanCertificate', { issuer: CertificateIssuer.enterpriseCa({ caConfig: 'ca01.contoso.local\\Contoso Issuing CA' }), plannedIssueDate: '2026-04-01' })));
    assert.match(md, /\| Lifetime \| 730 days, 2026-04-01 to 2028-03-31 \|/);
    assert.match(md, /\| Renewal \| 2028-03-01 \(30 days before expiry\) \|/);
  });

  for (const [name, make] of ALL_PLANS) {
    test(`${name}: every table row has as many cells as its header`, () => {
      const lines = review(make()).md.split('\n');
      let header = -1;
      for (const line of lines) {
        if (!line.startsWith('|')) {
          header = -1;
          continue;
        }
        const cells = line.replace(/\\\|/g, '').split('|').length;
        if (header < 0) header = cells;
        assert.equal(cells, header, line);
      }
    });
  }
});

describe('PLAN.md stays short: rows that say the same thing are written once', () => {
  const section = (md: string, from: string, to: string) => md.slice(md.indexOf(from), md.indexOf(to, md.indexOf(from) + from.length));
  const tableRows = (text: string) => text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---')).slice(1);

  test('Exchange 2019, two servers: every web service on mail.contoso.com is one row per kind of client, with each path', () => {
    const rows = tableRows(section(review(buildPlan(modernTwoServers())).md, '### Web services', '###'));
    assert.equal(rows.length, 2);
    assert.match(rows[0], /^\| OWA, ECP, EWS, OAB, ActiveSync, Outlook Anywhere, MAPI over HTTP \| external \| `https:\/\/mail\.contoso\.com` \+ `\/owa`, `\/ecp`, `\/EWS\/Exchange\.asmx`, `\/OAB`, `\/Microsoft-Server-ActiveSync`, `\/rpc\/rpcproxy\.dll`, `\/mapi` \|/);
    assert.match(rows[1], /\| domain-joined \| .* \| Default Web Site on EX01, EX02 \| `exchange` \| covered: /);
  });

  test('Exchange 2007: Outlook Anywhere inside keeps its own row (RPC), the other services share one', () => {
    const rows = tableRows(section(review(buildPlan(contoso('sanCertificate'))).md, '### Web services', '###'));
    assert.deepEqual(rows.map((r) => r.split(' | ').slice(0, 2).join(' | ')), [
      '| OWA, EWS, OAB, ActiveSync, Outlook Anywhere | external',
      '| OWA, EWS, OAB, ActiveSync | domain-joined',
      '| Outlook Anywhere | domain-joined',
    ]);
  });

  test('Exchange 2019, two servers: one SMTP row per kind of client, naming both servers', () => {
    const rows = tableRows(section(review(buildPlan(modernTwoServers())).md, '### SMTP, POP and IMAP', '## '));
    assert.equal(rows.length, 2);
    assert.match(rows[1], /\| domain-joined \| .* \| Client Frontend receive connector, port 587 \(STARTTLS\) on EX01, EX02 \|/);
  });

  test('the walk merges Outlook generations with the same result: one row when all agree, RTM apart with an SRV record', () => {
    const all = tableRows(section(review(buildPlan(modernTwoServers())).md, '### Users of contoso.com', '###'));
    assert.deepEqual(all.map((r) => r.split(' | ')[0]), ['| Outlook 2007 RTM to Outlook 2016 and later']);
    const srv = tableRows(section(review(buildPlan(contoso('srvRecord'))).md, '### Users of contoso.com', '\n- '));
    assert.deepEqual(srv.map((r) => r.split(' | ')[0]), ['| Outlook 2007 RTM', '| Outlook 2007 with the June 2007 rollup to Outlook 2016 and later']);
    assert.match(srv[0], /no SRV step/);
    // plan.json keeps one walk per generation (and kind of client) for the one email domain.
    const walks = review(buildPlan(contoso('srvRecord'))).data.autodiscoverWalks;
    assert.deepEqual(walks.map((g: { emailDomains: string[] }) => g.emailDomains), [['contoso.com']]);
    assert.equal(walks[0].walks.length, 2 * 4);
  });

  test('no SRV record: the URL cell is the SRV name alone', () => {
    const { md } = review(buildPlan(contoso('sanCertificate')));
    assert.match(md, /\| SRV record \| external \| `_autodiscover\._tcp\.contoso\.com` \| no SRV record in the plan \|/);
    assert.doesNotMatch(md, /-> `SRV /);
  });

  test('the Exchange 2019 two-server document is under 19.5 KB (it was 21.9 KB with a row per server and generation)', () => {
    // 18 KB before the server-settings section (issue 12, item 8: 1.3 KB) and the cross-server check's row.
    assert.ok(Buffer.byteLength(review(buildPlan(modernTwoServers())).md) < 19_500);
  });
});

describe('renewal and CAA facts', () => {
  test('ACM: renewal is automatic while the certificate is in use and the validation CNAMEs stay; other issuers keep "30 days before"', () => {
    const acm = review(buildPlan(contoso('sanCertificate', { issuer: CertificateIssuer.acm() })));
    assert.match(acm.md, /\| Renewal \| automatic: ACM renews a DNS-validated certificate itself \(from 60 days before expiry\) while it is in use \(on the load balancer, for example\) and the validation CNAME records stay in place \|/);
    assert.doesNotMatch(acm.md, /\| Renewal \| 30 days/);
    assert.match(acm.data.certificates[0].lifetime.renewal, /^automatic: ACM renews/);
    assert.match(review(buildPlan(contoso('sanCertificate'))).md, /\| Renewal \| 30 days before the expiry date on the issued certificate \|/);
  });

  test('CAA identifiers, issuer first, in the Inputs section and plan.json; left out for a model without them', () => {
    const plan = buildPlan(modernTwoServers());
    const withTwo = { ...plan, inputs: { ...plan.inputs, caaIdentifiers: ['sectigo.com', 'letsencrypt.org'] } as ExchangePlan['inputs'] };
    const { md, data } = review(withTwo);
    assert.match(md, /\| CAA identifiers \(issuer first\) \| `sectigo\.com`, `letsencrypt\.org` \|/);
    assert.deepEqual(data.inputs.caaIdentifiers, ['sectigo.com', 'letsencrypt.org']);
    assert.ok(validateSchema(data), JSON.stringify(validateSchema.errors));
    const without = { ...plan, inputs: { ...plan.inputs } as Record<string, unknown> };
    delete without.inputs.caaIdentifiers;
    const bare = review(without as unknown as ExchangePlan);
    assert.doesNotMatch(bare.md, /CAA identifiers/);
    assert.equal(bare.data.inputs.caaIdentifiers, undefined);
    assert.ok(validateSchema(bare.data), JSON.stringify(validateSchema.errors));
    assert.equal(validateSchema({ ...data, inputs: { ...data.inputs, caaIdentifiers: 'sectigo.com' } }), false);
  });
});
