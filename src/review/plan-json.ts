/**
 * plan.json: the review as data for other tools, in the versioned schema
 * `plan-schema.json`. Every object is built here with a fixed key order, so the text is
 * stable; nothing holds a time, a random value or an absolute path.
 */
import { compareText } from '../model/names';
import { ExchangePlan } from '../model/types';
import { GeneratedFile } from '../output/generated-file';
import { AutodiscoverWalk } from './autodiscover-walk';
import { keyText, lifetimeText, renewalText, requestSourceJson, requestSourceText } from './certificate-facts';
import { CoverageEntry, CoverageRow } from './coverage';
import { DOMAIN_PLACEHOLDER } from './domain-template';
import { hybridJson } from './hybrid-json';
import schemaJson from './plan-schema.json';
import { buildReview, Review } from './review';
import { ReviewFinding } from './review-findings';

/**
 * Bumped when a field changes meaning or goes away; new optional fields keep the version.
 * 2: findings are the review's one list (rule and coverage findings, each with the email
 * domains and servers it covers); the verdict counts them; coverage rows and walks that
 * differ only in the email domain are grouped as templates (see `expandCoverage`).
 * 3: an optional `hybrid` object (hybrid organisations: connectors, Exchange Online, the
 * Auth certificate, the certificate presented outbound); the rest as in 2.
 */
export const PLAN_SCHEMA_VERSION = 3;

/** The JSON Schema (draft 2020-12) plan.json follows, for tools that validate it (Ajv2020). */
export const PLAN_JSON_SCHEMA: Readonly<Record<string, unknown>> = schemaJson;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The plan.json document as a JSON value. */
export function planJson(plan: ExchangePlan, files: readonly GeneratedFile[]): { [key: string]: Json } {
  return planJsonOf(buildReview(plan, files));
}

function planJsonOf(review: Review): { [key: string]: Json } {
  const { plan, files, verdict } = review;
  const i = plan.issuer;
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    verdict: {
      headline: verdict.headline,
      errors: verdict.errors,
      warnings: verdict.warnings,
      redirectPrompts: verdict.redirectPrompts,
      risks: verdict.risks,
      notes: verdict.notes,
      warningEmailDomains: verdict.warningEmailDomains,
      warningServers: verdict.warningServers,
    },
    exchangeVersion: plan.exchangeVersion.name,
    strategy: plan.strategy,
    issuer: {
      kind: i.kind,
      displayName: i.displayName,
      publiclyTrusted: i.publiclyTrusted,
      ...opt('caaIdentifier', i.caaIdentifier),
      ...opt('maxNamesPerCertificate', i.maxNamesPerCertificate),
      ...opt('certificateAuthorityArn', i.certificateAuthorityArn),
      ...opt('signingAlgorithm', i.signingAlgorithm),
      ...opt('caConfig', i.caConfig),
      ...opt('template', i.template),
      ...opt('nonDomainClients', i.nonDomainClients ? [...i.nonDomainClients] : undefined),
    },
    hostnames: {
      external: plan.externalHostname,
      autodiscover: plan.autodiscoverHostname,
      internal: plan.internalHostname,
      internalByServer: sortedRecord(plan.internalHostnames),
    },
    emailDomains: plan.emailDomains.map((d) => ({
      domain: d.domain,
      primary: d.primary,
      autodiscover: d.autodiscover,
      ...opt('autodiscoverHostname', d.autodiscoverHostname),
      ...opt('srvTarget', d.srvTarget),
      rootDomainResponder: d.rootDomainResponder ?? 'undeclared',
    })),
    servers: plan.servers.map((s) => ({ name: s.name, fqdn: s.fqdn, ...opt('ipv4', s.ipv4) })),
    certificates: plan.certificates.map((c) => ({
      id: c.id,
      friendlyName: c.friendlyName,
      subjectName: c.subjectName,
      commonName: c.subject.commonName,
      names: [...c.names],
      publicNames: [...c.publicNames],
      internalNames: [...c.internalNames],
      key: { algorithm: 'RSA', size: c.keySize, exportable: c.privateKeyExportable, text: keyText(c) },
      services: [...c.services],
      bindings: c.bindings.map((b) => ({ server: b.server, webSite: b.webSite, ...opt('ipAddress', b.ipAddress), createsWebSite: b.createsWebSite })),
      requestSource: { ...requestSourceJson(c), text: requestSourceText(c, plan.issuer) },
      lifetime: {
        ...opt('validityDays', c.validityDays),
        ...opt('issueDate', c.issueDate),
        ...opt('expiryDate', c.expiryDate),
        ...opt('renewalDate', c.renewalDate),
        renewBeforeDays: c.renewBeforeDays,
        text: lifetimeText(c, plan.issuer.displayName),
        renewal: renewalText(c, plan.issuer),
      },
      exportPfx: c.exportPfx,
    })),
    dnsRecords: plan.dnsRecords.map((r) => ({ zoneName: r.zoneName, zoneId: r.zoneId, name: r.name, type: r.type, ttl: r.ttl, values: [...r.values], purpose: r.purpose })),
    internalDnsRecords: plan.internalDnsRecords.map((r) => ({ name: r.name, type: r.type, ...opt('value', r.value), purpose: r.purpose })),
    domainValidation: plan.domainValidation.map((v) => ({ ...opt('certificateId', v.certificateId), domain: v.domain, zoneName: v.zoneName, record: v.record, madeBy: v.madeBy, note: v.note })),
    files: runOrder(files).map((f) => ({ path: f.path, summary: f.summary })),
    findings: review.findings.map(findingJson),
    placeholder: DOMAIN_PLACEHOLDER,
    coverage: review.coverage.map(coverageEntryJson),
    autodiscoverWalks: review.walks.map((g) => ({ emailDomains: [...g.emailDomains], walks: g.items.map(walkJson) })),
    ...opt('hybrid', hybridJson(plan, files)),
    inputs: inputsJson(plan),
  };
}

/** The files of the asset folder in run order (path order: scripts/01-..., scripts/02-...), PLAN.md and plan.json left out. */
export function runOrder(files: readonly GeneratedFile[]): GeneratedFile[] {
  // 'scripts/9-...' before 'scripts/10-...' and '100-...': the number, then the path.
  const number = (p: string) => Number(/(?:^|\/)(\d+)-[^/]*$/.exec(p)?.[1] ?? Infinity);
  const folder = (p: string) => p.slice(0, p.lastIndexOf('/') + 1);
  return files
    .filter((f) => f.path !== 'PLAN.md' && f.path !== 'plan.json')
    .sort((a, b) => compareText(folder(a.path), folder(b.path)) || number(a.path) - number(b.path) || compareText(a.path, b.path));
}

function findingJson(f: ReviewFinding): { [key: string]: Json } {
  return { id: f.id, kind: f.kind, severity: f.severity, message: f.message, remedy: f.remedy, ...opt('prop', f.prop), emailDomains: [...f.emailDomains], servers: [...f.servers] };
}

/** A row for every email domain, or the template rows of the per-domain groups of one kind of client. */
function coverageEntryJson(e: CoverageEntry): { [key: string]: Json } {
  if (e.kind === 'row') return coverageJson(e.row);
  return { perEmailDomain: { client: e.client, groups: e.groups.map((g) => ({ emailDomains: [...g.emailDomains], rows: g.items.map(coverageJson) })) } };
}

function coverageJson(r: CoverageRow): { [key: string]: Json } {
  return {
    service: r.service,
    client: r.client,
    ...opt('step', r.step),
    ...opt('emailDomain', r.emailDomain),
    url: r.url,
    hostname: r.hostname,
    dns: r.dns,
    ...opt('answeredBy', r.answeredBy),
    servers: [...r.servers],
    ...opt('certificateId', r.certificateId),
    result: r.result,
    reason: r.reason,
    ...opt('fixes', r.fixes ? [...r.fixes] : undefined),
  };
}

function walkJson(w: AutodiscoverWalk): { [key: string]: Json } {
  return {
    emailDomain: w.emailDomain,
    client: w.client,
    outlook: w.outlook,
    steps: w.steps.map((s) => ({ step: s.step, label: s.label, ...opt('url', s.url), result: s.result, note: s.note })),
    ...opt('succeedsAt', w.succeedsAt),
    userSees: [...w.userSees],
    summary: w.summary,
  };
}

function inputsJson(plan: ExchangePlan): { [key: string]: Json } {
  const n = plan.inputs;
  const o = n.organization;
  return {
    exchangeVersion: n.exchangeVersion,
    strategy: n.strategy,
    issuer: n.issuer,
    organization: { name: o.name, country: o.country, ...opt('state', o.state), ...opt('locality', o.locality), ...opt('organizationalUnit', o.organizationalUnit) },
    emailDomain: n.emailDomain,
    additionalEmailDomains: [...n.additionalEmailDomains],
    externalHostname: n.externalHostname,
    autodiscoverHostname: n.autodiscoverHostname,
    additionalNames: [...n.additionalNames],
    ...opt('internalDomain', n.internalDomain),
    servers: n.servers.map((s) => ({ name: s.name, fqdn: s.fqdn, ...opt('ipv4', s.ipv4) })),
    publicIpv4: [...n.publicIpv4],
    publicIpv6: [...n.publicIpv6],
    services: [...n.services],
    keySize: n.keySize,
    includeInternalNames: n.includeInternalNames,
    hostedZones: sortedRecord(n.hostedZones),
    dnsTtl: n.dnsTtl,
    caaRecords: n.caaRecords,
    ...opt('caaIdentifiers', caaIdentifiersOf(plan)?.slice()),
    ...opt('plannedIssueDate', n.plannedIssueDate),
    exportPfxForReverseProxy: n.exportPfxForReverseProxy,
  };
}

/** The CAA issuer domains the records allow, the issuer's first; undefined from a model that does not give them. */
export function caaIdentifiersOf(plan: ExchangePlan): readonly string[] | undefined {
  return (plan.inputs as { readonly caaIdentifiers?: readonly string[] }).caaIdentifiers;
}

/** The JSON text: two-space indent, final newline. */
export function renderPlanJson(review: Review): string {
  return `${JSON.stringify(planJsonOf(review), null, 2)}\n`;
}

function opt<K extends string, V extends Json>(key: K, value: V | undefined): { [k in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [k in K]?: V };
}

function sortedRecord(r: Readonly<Record<string, string>>): { [key: string]: string } {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
