/**
 * `buildPlan()`: props in, the whole plan out, or a PlanInputError. Pure: no cdktf, no I/O.
 */
import { ExchangeCertificatePlanProps } from '../props';
import { planEmailDomains } from './autodiscover';
import { planDnsRecords, publicHostnames } from './dns-records';
import { planDomainValidation } from './domain-validation';
import { internalHostnameFor, planEndpoints } from './endpoints';
import { InputProblems } from './input-problems';
import { NormalizedInputs, normalizeInputs } from './inputs';
import { planHybrid } from './hybrid';
import { checkServerKeySize } from './key-size';
import { PLAN_RULES } from './rules';
import { serverSettingsChoice } from './server-settings';
import { planCertificates } from './san-list';
import { ExchangePlan, Finding, InternalDnsRecord, PlanInputs, PlannedIssuer } from './types';

/** Computes the plan. Throws PlanInputError for input that cannot make a correct plan. */
export function buildPlan(props: ExchangeCertificatePlanProps): ExchangePlan {
  const inputs = normalizeInputs(props);
  const certificates = planCertificates(inputs);
  const problems = new InputProblems();
  checkServerKeySize(certificates, problems);
  for (const id of Object.keys(inputs.certificateRequests)) {
    if (!certificates.some((c) => c.id === id)) {
      problems.add(`certificateRequests.${id}`, id, `names no certificate of this plan.`, `use one of the plan's certificate ids: ${certificates.map((c) => `'${c.id}'`).join(', ')}.`);
    }
  }
  const emailDomains = planEmailDomains(inputs);
  const hosts = publicHostnames(inputs, certificates);
  const dnsRecords = planDnsRecords(inputs, certificates, hosts, emailDomains);
  const internalHostnames = Object.fromEntries(inputs.servers.map((s) => [s.name, internalHostnameFor(inputs, s)]));
  const hybrid = planHybrid(inputs, certificates);

  const withoutFindings: Omit<ExchangePlan, 'findings'> = {
    exchangeVersion: inputs.version,
    strategy: inputs.strategy,
    issuer: plannedIssuer(inputs),
    emailDomains,
    externalHostname: inputs.externalHostname,
    autodiscoverHostname: inputs.autodiscoverHostname,
    internalHostname: internalHostnames[inputs.servers[0].name],
    internalHostnames,
    servers: inputs.servers,
    certificates,
    dnsRecords,
    internalDnsRecords: internalDnsRecords(inputs),
    domainValidation: planDomainValidation(inputs, certificates),
    publicHostnames: hosts,
    endpoints: planEndpoints(inputs),
    inputs: publicInputs(inputs),
    serverSettings: serverSettingsChoice(props),
    ...(hybrid ? { hybrid } : {}),
  };

  const findings: Finding[] = PLAN_RULES.flatMap((rule) => rule({ inputs, plan: withoutFindings }));
  // Rule errors need the whole plan, so they come after the input checks, all at once.
  for (const error of findings.filter((f) => f.severity === 'error')) {
    const prop = error.prop ?? 'props';
    problems.add(prop, propValue(inputs, props, prop), `${error.message} [${error.id}]`, error.remedy);
  }
  problems.throwIfAny();
  return deepFreeze({ ...withoutFindings, findings });
}

/** The plan is exposed read-only: frozen all the way down, so a renderer cannot change what another one reads. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

function plannedIssuer(inputs: NormalizedInputs): PlannedIssuer {
  const i = inputs.issuerObject;
  return {
    kind: i.kind,
    displayName: i.displayName,
    publiclyTrusted: i.publiclyTrusted,
    ...(i.caaIdentifier !== undefined ? { caaIdentifier: i.caaIdentifier } : {}),
    ...(i.maxNamesPerCertificate !== undefined ? { maxNamesPerCertificate: i.maxNamesPerCertificate } : {}),
    ...(i.acmPrivateCaOptions
      ? { certificateAuthorityArn: i.acmPrivateCaOptions.certificateAuthorityArn, signingAlgorithm: i.acmPrivateCaOptions.signingAlgorithm ?? 'SHA256WITHRSA' }
      : {}),
    ...(i.enterpriseCaOptions
      ? {
          caConfig: i.enterpriseCaOptions.caConfig,
          template: i.enterpriseCaOptions.template ?? 'WebServer',
          nonDomainClients: [...(i.enterpriseCaOptions.nonDomainClients ?? ['phones and tablets using ActiveSync', 'home and other non-domain computers running Outlook or a browser', 'partner and kiosk machines'])],
        }
      : {}),
  };
}

/** Split-DNS records the internal zone needs when internal URLs use the public names. */
function internalDnsRecords(inputs: NormalizedInputs): InternalDnsRecord[] {
  if (inputs.includeInternalNames) return [];
  const out: InternalDnsRecord[] = [];
  const names = [inputs.externalHostname, ...(inputs.strategy === 'srvRecord' ? [] : [inputs.autodiscoverHostname])];
  for (const name of [...new Set(names)]) {
    for (const s of inputs.servers) {
      const value = name === inputs.autodiscoverHostname && inputs.autodiscoverServerIpv4 ? inputs.autodiscoverServerIpv4[s.name] : s.ipv4;
      out.push({ name, type: 'A', ...(value ? { value } : {}), purpose: `internal clients reach ${s.name} as ${name}` });
    }
  }
  return out;
}

function publicInputs(inputs: NormalizedInputs): PlanInputs {
  const keys: (keyof PlanInputs)[] = [
    'exchangeVersion', 'strategy', 'issuer', 'organization', 'emailDomain', 'additionalEmailDomains', 'externalHostname',
    'autodiscoverHostname', 'additionalNames', 'internalDomain', 'servers', 'publicIpv4', 'publicIpv6', 'services', 'keySize',
    'includeInternalNames', 'hostedZones', 'dnsTtl', 'caaRecords', 'caaIdentifiers', 'plannedIssueDate', 'exportPfxForReverseProxy',
  ];
  const out: Record<string, unknown> = {};
  for (const k of keys) if (inputs[k] !== undefined) out[k] = inputs[k];
  return out as unknown as PlanInputs;
}

function propValue(inputs: NormalizedInputs, props: ExchangeCertificatePlanProps, prop: string): unknown {
  const [top, sub] = prop.split(/[.[]/);
  if (top === 'issuer') {
    const i = inputs.issuerObject;
    const options = { ...i.acmPrivateCaOptions, ...i.enterpriseCaOptions } as Record<string, unknown>;
    return sub === undefined ? i.kind : ((i as unknown as Record<string, unknown>)[sub] ?? options[sub]);
  }
  return props[top as keyof ExchangeCertificatePlanProps] ?? (inputs as unknown as Record<string, unknown>)[top];
}
