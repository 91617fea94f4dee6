/**
 * PLAN.md's verdict, its Findings counts and rows, plan.json's verdict and findings, and
 * the construct's cdktf annotations come from one list: checked against each other for
 * every example and every strategy x issuer.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { buildPlan, CertificateStrategy, ExchangeCertificatePlan, ExchangePlan, ExchangeVersion, RootDomainResponder } from '../../src';
import { renderReview, ReviewFinding } from '../../src/review';
import { contoso, CONTOSO_ZONE_ID, contosoStrategies, ContosoStrategy, FABRIKAM_ZONE_ID, modernTwoServers, ROUTABLE_IPV4 } from '../fixtures/contoso';
import { loadExamplePlan } from '../helpers/examples';
import { exampleNames, tempDir } from '../helpers/synth';
import { ISSUERS, IssuerName } from '../powershell/plans';

interface Counts { errors: number; warnings: number; redirectPrompts: number; risks: number; notes: number }

/** The numbers in a headline or counts line ('2 warnings (covering ...); 1 risk outside the plan; 2 notes'), 0 for a kind it leaves out. */
function countsIn(text: string): Counts {
  const n = (word: string) => Number(new RegExp(`(\\d+) ${word}s?\\b`).exec(text)?.[1] ?? 0);
  return { errors: n('error'), warnings: n('warning'), redirectPrompts: n('redirect prompt'), risks: n('risk'), notes: n('note') };
}

/** The Findings table's rows, counted by their severity cell. */
function tableCounts(md: string): { counts: Counts; rows: number } {
  const section = md.slice(md.indexOf('\n## Findings\n'), md.indexOf('\n## ', md.indexOf('\n## Findings\n') + 5));
  const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Severity') && !l.startsWith('| ---'));
  const by = (label: string) => rows.filter((r) => r.startsWith(`| ${label} |`)).length;
  return { counts: { errors: by('**error**'), warnings: by('**warning**'), redirectPrompts: by('redirect prompt'), risks: by('risk'), notes: by('info') }, rows: rows.length };
}

function checkDocument(name: string, plan: ExchangePlan): { findings: ReviewFinding[]; verdict: Counts } {
  const [mdFile, jsonFile] = renderReview(plan, []);
  const md = mdFile.content;
  const data = JSON.parse(jsonFile.content);
  const v = data.verdict;
  const verdict: Counts = { errors: v.errors, warnings: v.warnings, redirectPrompts: v.redirectPrompts, risks: v.risks, notes: v.notes };
  const headline = md.split('\n')[2];
  assert.equal(headline, `**${v.headline}.**`, `${name}: headline`);
  assert.deepEqual(countsIn(headline), verdict, `${name}: headline counts`);
  const table = tableCounts(md);
  assert.deepEqual(table.counts, verdict, `${name}: Findings rows by severity`);
  assert.equal(table.rows, data.findings.length, `${name}: one row per finding`);
  if (data.findings.length > 0) {
    const line = md.split('\n').find((l) => /^\d+ errors?, \d+ warnings?, /.test(l))!;
    assert.deepEqual(countsIn(line), verdict, `${name}: Findings counts line`);
  }
  const fromList: Counts = {
    errors: data.findings.filter((f: ReviewFinding) => f.severity === 'error').length,
    warnings: data.findings.filter((f: ReviewFinding) => f.severity === 'warning').length,
    redirectPrompts: data.findings.filter((f: ReviewFinding) => f.kind === 'redirectPrompt').length,
    risks: data.findings.filter((f: ReviewFinding) => f.kind === 'risk').length,
    notes: data.findings.filter((f: ReviewFinding) => f.kind === 'rule' && f.severity === 'info').length,
  };
  assert.deepEqual(fromList, verdict, `${name}: plan.json findings`);
  // Every coverage row with a warning, prompt or risk is in some finding (nothing dropped).
  const expectsWarning = data.coverage.flatMap((e: { result?: string; perEmailDomain?: { groups: { rows: { result: string }[] }[] } }) => (e.result ? [e.result] : e.perEmailDomain!.groups.flatMap((g) => g.rows.map((r) => r.result)))).some((r: string) => r === 'warning');
  assert.equal(data.findings.some((f: ReviewFinding) => f.kind === 'certificateWarning'), expectsWarning, `${name}: coverage warnings listed`);
  if (verdict.errors + verdict.warnings === 0) assert.match(headline, /^\*\*No warning for any client/);
  return { findings: data.findings, verdict };
}

describe('counts, verdict and rows agree: every strategy x issuer', () => {
  const strategies = Object.keys(contosoStrategies) as ContosoStrategy[];
  for (const strategy of [...strategies, 'modern' as const]) {
    for (const issuer of Object.keys(ISSUERS) as IssuerName[]) {
      test(`${strategy} x ${issuer}`, () => {
        const overrides = { issuer: ISSUERS[issuer](), ...(issuer === 'publicCa' || issuer === 'acm' ? {} : { caaRecords: false }) };
        const props = strategy === 'modern' ? modernTwoServers(overrides) : contoso(strategy, overrides);
        checkDocument(`${strategy} x ${issuer}`, buildPlan(props));
      });
    }
  }
});

describe('annotations: one per finding of the review, warnings as warnings (every example)', () => {
  const levels = (c: ExchangeCertificatePlan) => c.node.metadata.map((m) => ({ type: m.type, text: String(m.data) }));
  for (const name of exampleNames()) {
    test(name, () => {
      const construct = loadExamplePlan(name);
      const { verdict } = checkDocument(name, construct.plan);
      const annotations = levels(construct);
      const findings = construct.review.findings;
      for (const f of findings) {
        const mine = annotations.filter((a) => a.text.startsWith(`[${f.id}] ${f.message} (covers `));
        assert.equal(mine.length, 1, `${name}: one annotation for ${f.id}`);
        assert.equal(mine[0].type, f.severity === 'error' ? '@cdktf/error' : f.severity === 'warning' ? '@cdktf/warn' : '@cdktf/info', `${name}: level of ${f.id}`);
      }
      const ids = new Set(findings.map((f) => f.id));
      const ours = annotations.filter((a) => ids.has(/^\[([^\]]+)\]/.exec(a.text)?.[1] ?? ''));
      assert.equal(ours.filter((a) => a.type === '@cdktf/warn').length, verdict.warnings, `${name}: warning annotations`);
      assert.equal(ours.filter((a) => a.type === '@cdktf/error').length, verdict.errors, `${name}: error annotations`);
    });
  }
});

describe('failOnWarnings makes synth fail while a warning is left', () => {
  const synth = (props: Parameters<typeof contoso>[1], failOnWarnings?: boolean) => {
    const app = new App({ outdir: tempDir('fail-on-warnings') });
    const stack = new TerraformStack(app, 'contoso');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const plan = new ExchangeCertificatePlan(stack, 'contoso', { ...contoso('sanCertificate', { publicIpv4: [ROUTABLE_IPV4], ...props }), ...(failOnWarnings === undefined ? {} : { failOnWarnings }) });
    return { app, plan };
  };

  test('Exchange 2007 (out of support, a warning): synth succeeds by default with a warning annotation, fails with failOnWarnings', () => {
    const quiet = synth({});
    assert.doesNotThrow(() => quiet.app.synth());
    assert.ok(quiet.plan.node.metadata.some((m) => m.type === '@cdktf/warn' && String(m.data).startsWith('[EXC-VERSION-UNSUPPORTED]')));
    const strict = synth({}, true);
    assert.throws(() => strict.app.synth(), /failOnWarnings: the review has 1 warning/);
  });

  test('a coverage warning alone (a second email domain no Autodiscover step answers for) fails it too, and is a warning annotation', () => {
    const { app, plan } = synth({
      exchangeVersion: ExchangeVersion.EXCHANGE_SE,
      rootDomainResponders: { 'contoso.com': RootDomainResponder.nothing(), 'fabrikam.com': RootDomainResponder.nothing() },
      strategy: CertificateStrategy.singleName({ srvForAdditionalDomains: false }),
      additionalEmailDomains: ['fabrikam.com'],
      hostedZones: { 'contoso.com': CONTOSO_ZONE_ID, 'fabrikam.com': FABRIKAM_ZONE_ID },
    }, true);
    const coverage = plan.review.findings.filter((f) => f.kind === 'certificateWarning');
    assert.equal(coverage.length, 1);
    assert.deepEqual(coverage[0].emailDomains, ['fabrikam.com']);
    assert.ok(plan.node.metadata.some((m) => m.type === '@cdktf/warn' && String(m.data).startsWith('[COVERAGE-WARNING] external Autodiscover (autodiscover host for fabrikam.com)')));
    assert.throws(() => app.synth(), /failOnWarnings/);
  });

  test('Exchange SE, root domain declared: no warning, so synth succeeds with failOnWarnings', () => {
    const { app, plan } = synth({ exchangeVersion: ExchangeVersion.EXCHANGE_SE, rootDomainResponders: { 'contoso.com': RootDomainResponder.nothing() } }, true);
    assert.equal(plan.review.verdict.warnings, 0);
    assert.doesNotThrow(() => app.synth());
  });
});
