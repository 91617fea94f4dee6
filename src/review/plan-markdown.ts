/**
 * PLAN.md: the review document a pull request shows. The verdict first, then findings,
 * certificates, DNS records, the files in run order, the coverage matrix, the Autodiscover
 * walk and the inputs, each a short section built from the helpers in `markdown.ts`.
 */
import { ExchangePlan, Finding } from '../model/types';
import { GeneratedFile } from '../output/generated-file';
import { AutodiscoverWalk } from './autodiscover-walk';
import { keyText, lifetimeText, renewalText, requestSourceText } from './certificate-facts';
import { CoverageRow } from './coverage';
import { coverageSections, walkSections } from './coverage-markdown';
import { bulletList, code, facts, heading, markdownDocument, MarkdownBlock, paragraph, strong, table } from './markdown';
import { caaIdentifiersOf, runOrder } from './plan-json';
import { serverChangesSection } from './server-changes';
import { ReviewVerdict } from './verdict';

/** The pieces the document is rendered from (computed once by `renderReview`). */
export interface ReviewParts {
  readonly plan: ExchangePlan;
  readonly files: readonly GeneratedFile[];
  readonly rows: readonly CoverageRow[];
  readonly walks: readonly AutodiscoverWalk[];
  readonly verdict: ReviewVerdict;
}

export function renderPlanMarkdown(parts: ReviewParts): string {
  const { plan } = parts;
  return markdownDocument([
    heading(1, `Exchange certificate plan: ${plan.emailDomains.map((d) => d.domain).join(', ')}`),
    paragraph(`${strong(`${parts.verdict.headline}.`)}`),
    parts.verdict.details.length > 0 ? bulletList(parts.verdict.details) : undefined,
    paragraph(
      `${plan.exchangeVersion.displayName}, strategy ${code(plan.strategy)}, issuer ${plan.issuer.displayName} (${plan.issuer.publiclyTrusted ? 'publicly trusted' : 'private CA'}), servers ${plan.servers.map((s) => s.name).join(', ')}. Generated from the inputs at the end; plan.json holds the same as data.`,
    ),
    ...findingsSection(plan.findings),
    ...certificateSections(plan),
    ...domainValidationSection(plan),
    ...dnsSections(plan),
    ...filesSection(parts.files),
    ...serverChangesSection(plan),
    ...coverageSections(plan, parts.rows),
    ...walkSections(plan, parts.walks),
    ...inputsSection(plan),
  ]);
}

const SEVERITY_ORDER: Finding['severity'][] = ['error', 'warning', 'info'];

function findingsSection(findings: readonly Finding[]): MarkdownBlock[] {
  if (findings.length === 0) return [heading(2, 'Findings'), paragraph('No findings.')];
  const sorted = SEVERITY_ORDER.flatMap((s) => findings.filter((f) => f.severity === s));
  return [
    heading(2, 'Findings'),
    table(['Severity', 'Finding', 'Remedy'], sorted.map((f) => [f.severity === 'info' ? 'info' : `**${f.severity}**`, `${code(f.id)} ${f.message}`, f.remedy])),
  ];
}

function certificateSections(plan: ExchangePlan): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [heading(2, 'Certificates')];
  for (const c of plan.certificates) {
    blocks.push(heading(3, `Certificate ${code(c.id)} (${c.friendlyName})`));
    blocks.push(
      facts([
        ['Subject', code(c.subjectName)],
        ['Names', c.names.map(code).join(', ')],
        ['Issuer', `${plan.issuer.displayName}${plan.issuer.publiclyTrusted ? '' : ' (private: clients must trust its root)'}`],
        ['Key', keyText(c)],
        ['Request', requestSourceText(c, plan.issuer)],
        ['Services', c.services.length > 0 ? c.services.join(', ') : 'none (bound to its web site by IIS)'],
        ['Bound to', c.bindings.map((b) => `${b.server}: ${b.webSite}${b.ipAddress ? ` on ${b.ipAddress}` : ''}${b.createsWebSite ? ' (created by the scripts)' : ''}`).join('; ')],
        ['Lifetime', lifetimeText(c, plan.issuer.displayName)],
        ['Renewal', renewalText(c, plan.issuer)],
      ]),
    );
  }
  return blocks;
}

function domainValidationSection(plan: ExchangePlan): MarkdownBlock[] {
  if (plan.domainValidation.length === 0) return [];
  return [
    heading(2, 'Domain validation (what the CA checks before it issues)'),
    table(
      ['Domain', 'Zone', 'Record', 'Made by', 'Note'],
      plan.domainValidation.map((v) => [code(v.domain), v.zoneName, v.record, v.madeBy === 'plan' ? 'the plan (Terraform)' : 'the admin, with the CA\'s value', v.note]),
    ),
  ];
}

function dnsSections(plan: ExchangePlan): MarkdownBlock[] {
  return [
    heading(2, 'External DNS records (Route53, created by the plan)'),
    plan.dnsRecords.length > 0
      ? table(['Zone', 'Name', 'Type', 'Values', 'TTL', 'Purpose'], plan.dnsRecords.map((r) => [r.zoneName, code(r.name), r.type, r.values.map(code).join(', '), String(r.ttl), r.purpose]))
      : paragraph('None.'),
    heading(2, 'Internal DNS records (split DNS, create by hand)'),
    plan.internalDnsRecords.length > 0
      ? table(['Name', 'Type', 'Value', 'Purpose'], plan.internalDnsRecords.map((r) => [code(r.name), r.type, r.value ? code(r.value) : 'the server\'s internal address', r.purpose]))
      : paragraph('None: internal clients use the servers\' own names, which Active Directory DNS already answers.'),
  ];
}

function filesSection(files: readonly GeneratedFile[]): MarkdownBlock[] {
  const ordered = runOrder(files);
  return [
    heading(2, 'Scripts and files, in run order'),
    ordered.length > 0 ? table(['#', 'File', 'What it does'], ordered.map((f, i) => [String(i + 1), code(f.path), f.summary])) : paragraph('No other files.'),
  ];
}

/** The CAs the CAA records allow, the issuer's first; the row is left out when the model gives none. */
function caaIdentifierRow(plan: ExchangePlan): [string, string][] {
  const allowed = caaIdentifiersOf(plan);
  return allowed && allowed.length > 0 ? [['CAA identifiers (issuer first)', allowed.map(code).join(', ')]] : [];
}

function inputsSection(plan: ExchangePlan): MarkdownBlock[] {
  const n = plan.inputs;
  const list = (v: readonly string[]) => (v.length > 0 ? v.map(code).join(', ') : '-');
  const o = n.organization;
  return [
    heading(2, 'Inputs'),
    facts([
      ['Exchange version', n.exchangeVersion],
      ['Strategy', code(n.strategy)],
      ['Issuer', code(n.issuer)],
      ['Organization', [o.name, o.organizationalUnit, o.locality, o.state, o.country].filter((x) => x !== undefined).join(', ')],
      ['Email domains', list([n.emailDomain, ...n.additionalEmailDomains])],
      ['External host name', code(n.externalHostname)],
      ['Autodiscover host name', code(n.autodiscoverHostname)],
      ['Additional names', list(n.additionalNames)],
      ['Internal domain', n.internalDomain ? code(n.internalDomain) : '-'],
      ['Servers', n.servers.map((s) => `${s.name} (${code(s.fqdn)}${s.ipv4 ? `, ${code(s.ipv4)}` : ''})`).join(', ')],
      ['Public addresses', list([...n.publicIpv4, ...n.publicIpv6])],
      ['Services', n.services.join(', ')],
      ['Key size', String(n.keySize)],
      ['Internal names on the certificate', n.includeInternalNames ? 'yes' : 'no'],
      ['Hosted zones', Object.entries(n.hostedZones).map(([z, id]) => `${z} (${code(id)})`).join(', ')],
      ['DNS TTL', `${n.dnsTtl} s`],
      ['CAA records', n.caaRecords ? 'yes' : 'no'],
      ...caaIdentifierRow(plan),
      ['Planned issue date', n.plannedIssueDate ?? 'not given'],
      ['PFX for a reverse proxy', n.exportPfxForReverseProxy ? 'yes' : 'no'],
      ['Root domain responders', plan.emailDomains.map((d) => `${d.domain}: ${d.rootDomainResponder ?? 'undeclared'}`).join(', ')],
    ]),
  ];
}
