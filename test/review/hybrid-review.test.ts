/**
 * The hybrid part of the review: PLAN.md's "Hybrid with Exchange Online" section and
 * plan.json's `hybrid` object (schemaVersion 3, validated), the Exchange Online script named
 * from the rendered files, and the section's size at 300 servers with one Receive connector
 * each (grouped in PLAN.md, every one in plan.json).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { buildPlan, CertificateIssuer, ExchangeCertificatePlanProps, ExchangePlan, ExchangeVersion, GeneratedFile, HybridProps } from '../../src';
import { renderReview } from '../../src/review';
import schema from '../../src/review/plan-schema.json';
import { scaledProps } from '../../bench/scaled-props';
import { modernTwoServers } from '../fixtures/contoso';
import { loadExamplePlan } from '../helpers/examples';

const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

const review = (plan: ExchangePlan, files: readonly GeneratedFile[] = []) => {
  const [md, json] = renderReview(plan, files);
  return { md: md.content, data: JSON.parse(json.content) };
};

/** PLAN.md's hybrid section, up to the next level-2 heading. */
function hybridSection(md: string): string {
  const start = md.indexOf('\n## Hybrid with Exchange Online\n');
  assert.ok(start >= 0, 'PLAN.md has a hybrid section');
  const end = md.indexOf('\n## ', start + 1);
  return md.slice(start, end < 0 ? undefined : end);
}

const plan = (hybrid: HybridProps, overrides: Partial<ExchangeCertificatePlanProps> = {}) => buildPlan(modernTwoServers({ hybrid, ...overrides }));

const VARIANTS: [string, () => ExchangePlan][] = [
  ['2019, hybrid: {}', () => plan({})],
  ['2019, everything declared, Edge servers', () => plan({
    sendConnectors: ['Outbound to Office 365 - 1'],
    receiveConnectors: ['EX01\\Default Frontend EX01', 'EDGE01\\Default internal receive connector EDGE01'],
    edgeServers: [{ name: 'EDGE01', fqdn: 'edge01.contoso.com' }],
    authCertificate: { thumbprint: 'AB'.repeat(20), notAfter: '2028-03-14', rotationDate: '2028-02-01' },
    exchangeOnline: { inboundConnector: 'Inbound from 1', outboundConnector: 'Outbound to 1', currentCertificateName: 'hybrid.contoso.com' },
  })],
  ["Let's Encrypt, issuing after its change", () => plan({}, { issuer: CertificateIssuer.publicCa({ caaIdentifier: 'letsencrypt.org' }), plannedIssueDate: '2026-12-01' })],
  ['enterprise CA (expected subject)', () => plan({}, { issuer: CertificateIssuer.enterpriseCa({ caConfig: 'ca01\\Contoso CA' }), caaRecords: false })],
  ['Exchange 2010', () => plan({ receiveConnectors: ['EX01\\Default EX01'] }, { exchangeVersion: ExchangeVersion.EXCHANGE_2010 })],
];

describe('plan.json: the hybrid object', () => {
  for (const [name, make] of VARIANTS) {
    test(`${name}: validates against plan-schema.json, schemaVersion 3`, () => {
      const { data } = review(make());
      assert.ok(validate(data), JSON.stringify(validate.errors, null, 2));
      assert.equal(data.schemaVersion, 3);
      assert.ok(data.hybrid, 'hybrid object present');
      assert.deepEqual(Object.keys(data).slice(-2), ['hybrid', 'inputs']);
    });
  }

  test('a plan without hybrid has no hybrid object and no hybrid section', () => {
    const { md, data } = review(buildPlan(modernTwoServers()));
    assert.equal(data.hybrid, undefined);
    assert.ok(!md.includes('Hybrid with Exchange Online'));
    assert.ok(!md.includes('(#hybrid-with-exchange-online)'));
  });

  test('the schema refuses a hybrid object that breaks it (the check can fail)', () => {
    const { data } = review(plan({}));
    assert.equal(validate({ ...data, hybrid: { ...data.hybrid, selection: 'byName' } }), false);
    assert.equal(validate({ ...data, hybrid: { ...data.hybrid, exchangeOnline: { ...data.hybrid.exchangeOnline, atThisStep: 'maybe' } } }), false);
    const { certificate: _, ...withoutCertificate } = data.hybrid;
    assert.equal(validate({ ...data, hybrid: withoutCertificate }), false);
  });

  test('the declared values, as the model has them', () => {
    const { data } = review(VARIANTS[1][1]());
    const h = data.hybrid;
    assert.deepEqual(h.connectors.map((c: { identity: string }) => c.identity), ['HybridConfiguration', 'EDGE01\\Default internal receive connector EDGE01', 'EX01\\Default Frontend EX01', 'Outbound to Office 365 - 1']);
    assert.equal(h.connectors[1].onEdgeServer, true);
    assert.deepEqual(h.edgeServers, [{ name: 'EDGE01', fqdn: 'edge01.contoso.com' }]);
    assert.equal(h.authCertificate.rotationDate, '2028-02-01');
    assert.equal(h.exchangeOnline.atThisStep, 'change');
    assert.equal(h.defaultSmtpCertificate.replaced, false);
  });

  test('the Exchange Online and re-pin scripts are named from the rendered files when there are', () => {
    const files: GeneratedFile[] = [
      { path: 'scripts/12-update-exchange-online-connectors.ps1', content: '#\n', summary: 'Exchange Online PowerShell: the hybrid connectors.' },
      { path: 'scripts/07-hybrid-repin-connectors.ps1', content: '#\n', summary: 'Re-pins the hybrid connectors.' },
    ];
    const { md, data } = review(plan({}), files);
    assert.match(hybridSection(md), /\| Renewals \| may come from another issuing intermediate \(public CA\): after each renewal `scripts\/07-hybrid-repin-connectors\.ps1` runs again/);
    assert.equal(data.hybrid.exchangeOnline.script, 'scripts/12-update-exchange-online-connectors.ps1');
    assert.match(hybridSection(md), /run `scripts\/12-update-exchange-online-connectors\.ps1` in Exchange Online PowerShell once after the on-premises binding script/);
    assert.equal(review(plan({})).data.hybrid.exchangeOnline.script, undefined);
  });
});

describe('PLAN.md: the hybrid section', () => {
  test('the example contoso-hybrid: certificate, connectors, what changes when, Exchange Online, Auth dates, the certificate presented outbound', () => {
    const md = loadExamplePlan('contoso-hybrid').files.find((f) => f.path === 'PLAN.md')!.content;
    assert.match(md.split('\n').find((l) => l.startsWith('Contents:'))!, /\[Hybrid\]\(#hybrid-with-exchange-online\)/);
    const s = hybridSection(md);
    assert.match(s, /\| Hybrid certificate \| `exchange` \(`mail\.contoso\.com`\) \|/);
    assert.match(s, /\| Presented to Exchange Online \| certificate 'exchange' \(mail\.contoso\.com\), pinned by TlsCertificateName on the Send connector/);
    assert.match(s, /\| Presented to other domains \| Send connectors that pin no certificate/);
    assert.match(s, /\| Default SMTP certificate \| kept: internal transport/);
    assert.match(s, /\| Auth certificate expires \| 2028-03-14 \|/);
    assert.match(s, /\| Auth certificate rotation \| 2028-01-14 \(60 days before it expires\) \|/);
    // At this step the pin moves off the wizard's certificate; at each renewal only if the issuer or subject changes.
    assert.match(s, /\| Receive connector `EX01\\Default Frontend EX01` \| EX01 \(Set-ReceiveConnector\) \| TlsCertificateName re-pinned to the new certificate: expected to change unless the Hybrid Configuration Wizard was given a certificate with this issuer and subject; [^|]*\| TlsCertificateName re-pinned only if the renewed certificate has another issuer \(an intermediate rotation at the CA\) or subject, else unchanged;/);
    assert.doesNotMatch(s, /STARTTLS checked/);
    assert.match(s, /\| `Inbound from 6f1c2b7e-3d4a-4e5f-8a9b-0c1d2e3f4a5b` \| TlsSenderCertificateName \| `mail\.contoso\.com` \| not needed/);
    assert.match(s, /Microsoft has not documented whether Exchange Online requires that EKU/);
  });

  test("'<I>issuer<S>subject' is code, and no other '<' reaches the Markdown raw", () => {
    for (const [name, make] of VARIANTS) {
      const s = hybridSection(review(make()).md).replace(/`[^`]*`/g, '');
      assert.ok(!s.includes('<'), `${name}: raw '<' outside code in the hybrid section`);
    }
  });

  test('a Receive connector on an Edge server: set there, with a new Edge Subscription', () => {
    const s = hybridSection(review(VARIANTS[1][1]()).md);
    assert.match(s, /\| Receive connector `EDGE01\\Default internal receive connector EDGE01` \| EDGE01 \(Edge Transport: Set-ReceiveConnector on the Edge server itself, then a new Edge Subscription\) \|/);
    assert.match(s, /\| Edge Transport servers \| EDGE01 \(`edge01\.contoso\.com`\): a certificate change there means a new Edge Subscription \|/);
  });

  test('Exchange 2010: nothing pinned, the FQDN note', () => {
    const s = hybridSection(review(VARIANTS[4][1]()).md);
    assert.match(s, /not pinned: this version picks by the connector's FQDN/);
    assert.match(s, /nothing to set: the connector's FQDN must be on the new certificate/);
    assert.ok(!s.includes('Auth certificate'), '2010 has no Auth certificate');
  });
});

describe('hybrid at scale: one Receive connector per server', () => {
  const scaled = (servers: number) => {
    const props = scaledProps(3, servers);
    return buildPlan({
      ...props,
      hybrid: {
        receiveConnectors: props.servers.map((s) => `${s.name}\\Default Frontend ${s.name}`),
        sendConnectors: ['Outbound to Office 365 - 1'],
        authCertificate: { notAfter: '2028-03-14' },
      },
    });
  };

  test('PLAN.md: the hybrid section has the same rows at 10 and 300 servers; plan.json lists every connector', () => {
    const small = review(scaled(10));
    const large = review(scaled(300));
    const rows = (md: string) => hybridSection(md).split('\n').filter((l) => l.startsWith('| ')).length;
    assert.equal(rows(large.md), rows(small.md));
    assert.match(hybridSection(large.md), /\| Receive connector `\{server\}\\Default Frontend \{server\}`, one per server \| all 300 servers \(Set-ReceiveConnector\) \|/);
    assert.equal(large.data.hybrid.connectors.filter((c: { kind: string }) => c.kind === 'receiveConnector').length, 300);
    assert.ok(validate(large.data), JSON.stringify(validate.errors?.slice(0, 3)));
  });

  test('the first screen stays: title at most 200 characters, first section within 15 lines', () => {
    const lines = review(scaled(300)).md.split('\n');
    assert.ok(lines[0].length <= 200);
    const first = lines.findIndex((l) => l.startsWith('## '));
    assert.ok(first > 0 && first <= 15, `first section at line ${first + 1}`);
  });

  test('a few connectors alike are listed one by one', () => {
    const s = hybridSection(review(scaled(3)).md);
    assert.match(s, /Receive connector `EX001\\Default Frontend EX001`/);
    assert.ok(!s.includes('one per server'));
  });
});
