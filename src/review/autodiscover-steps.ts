/**
 * The classic Autodiscover steps Outlook tries for an email domain, each evaluated on its
 * own: what the client resolves, what answers, and what happens if Outlook gets there.
 * Whether it gets there (an earlier step answered) is decided by `coverage.ts` and
 * `autodiscover-walk.ts`.
 */
import { CoverageResult } from './coverage-result';
import { ExchangePlan, PlannedEmailDomain } from '../model/types';
import { ClientKind } from './client-kind';
import { matchCertificate } from './certificate-match';
import { NameAnswer, recordsNamed, resolveName } from './name-resolution';
import { siteLabel } from './site-label';

export type AutodiscoverStep = 'scp' | 'rootDomain' | 'autodiscoverHost' | 'httpRedirect' | 'srv';

/** The classic steps in the order Outlook tries them. */
export const AUTODISCOVER_STEPS: readonly AutodiscoverStep[] = ['scp', 'rootDomain', 'autodiscoverHost', 'httpRedirect', 'srv'];

export const STEP_LABELS: Readonly<Record<AutodiscoverStep, string>> = {
  scp: 'SCP in Active Directory',
  rootDomain: 'root domain',
  autodiscoverHost: 'autodiscover host',
  httpRedirect: 'HTTP redirect',
  srv: 'SRV record',
};

/**
 * What a step does when Outlook reaches it:
 * 'answers' silently; 'answersAfterRedirectPrompt' (the user is asked to allow the
 * redirect); 'warnsThenAnswers' (certificate warning, then Autodiscover if the user
 * accepts); 'warnsThenMovesOn' (certificate warning, no Autodiscover there);
 * 'movesOn' silently; 'unknown' (outside the plan and undeclared); 'notUsed' by this client.
 */
export type StepEffect = 'answers' | 'answersAfterRedirectPrompt' | 'warnsThenAnswers' | 'warnsThenMovesOn' | 'movesOn' | 'unknown' | 'notUsed';

/** A step's outcome for one email domain and kind of client. */
export interface StepOutcome {
  readonly step: AutodiscoverStep;
  readonly url: string;
  readonly hostname: string;
  readonly dns: string;
  readonly answeredBy?: string;
  readonly servers: readonly string[];
  readonly certificateId?: string;
  readonly effect: StepEffect;
  readonly reason: string;
  readonly fixes?: readonly string[];
}

/** Whether Outlook gets Autodiscover settings at a step with this effect (possibly after a prompt). */
const RESULT_OF: Readonly<Record<StepEffect, CoverageResult>> = {
  answers: 'covered',
  answersAfterRedirectPrompt: 'redirectPrompt',
  warnsThenAnswers: 'warning',
  warnsThenMovesOn: 'warning',
  movesOn: 'fallsThrough',
  unknown: 'risk',
  notUsed: 'notReached',
};

/** How a step's effect reads in the coverage matrix and the walk. */
export function coverageResultOf(effect: StepEffect): CoverageResult {
  return RESULT_OF[effect];
}

export function stepSucceeds(effect: StepEffect): boolean {
  return effect === 'answers' || effect === 'answersAfterRedirectPrompt' || effect === 'warnsThenAnswers';
}

const XML_PATH = '/Autodiscover/Autodiscover.xml';

/**
 * The SCP's outcomes, per plan and kind of client: the same for every email domain, asked
 * for by the matrix, the walks and the findings. The DNS steps are per domain and not kept
 * here (`domain-outcomes.ts` keeps the few it asks for again).
 */
const scpOutcomes = new WeakMap<ExchangePlan, Map<ClientKind, readonly StepOutcome[]>>();

/** Evaluates one step; the SCP gives one outcome per server (domain-joined clients use any). */
export function evaluateStep(plan: ExchangePlan, domain: PlannedEmailDomain, client: ClientKind, step: AutodiscoverStep): readonly StepOutcome[] {
  if (step !== 'scp') return evaluateStepOnce(plan, domain, client, step);
  let known = scpOutcomes.get(plan);
  if (!known) scpOutcomes.set(plan, (known = new Map()));
  let scp = known.get(client);
  if (!scp) known.set(client, (scp = evaluateStepOnce(plan, domain, client, step)));
  return scp;
}

function evaluateStepOnce(plan: ExchangePlan, domain: PlannedEmailDomain, client: ClientKind, step: AutodiscoverStep): StepOutcome[] {
  switch (step) {
    case 'scp':
      return scpStep(plan, client);
    case 'rootDomain':
      return [rootDomainStep(plan, domain, client)];
    case 'autodiscoverHost':
      return [autodiscoverHostStep(plan, domain, client)];
    case 'httpRedirect':
      return [httpRedirectStep(plan, domain, client)];
    case 'srv':
      return [srvStep(plan, domain, client)];
  }
}

function scpStep(plan: ExchangePlan, client: ClientKind): StepOutcome[] {
  const endpoints = plan.endpoints.filter((e) => e.service === 'Autodiscover');
  if (client === 'external') {
    return [
      {
        step: 'scp',
        url: 'LDAP: serviceConnectionPoint objects in Active Directory',
        hostname: '-',
        dns: '-',
        servers: [],
        effect: 'notUsed',
        reason: 'clients outside the domain, or off the network, cannot read the SCP from Active Directory',
      },
    ];
  }
  return endpoints.map((e) => {
    const answer = resolveName(plan, e.internalHostname, client);
    return httpsOutcome('scp', e.internalUrl, e.internalHostname, answer, plan, client, {
      answered: (why) => `${why}; Autodiscover answers at the SCP's URL`,
      unresolved: `${e.internalHostname} (the AutoDiscoverServiceInternalUri) does not resolve inside: Outlook moves on to the DNS steps`,
      servers: [e.server],
    });
  });
}

function rootDomainStep(plan: ExchangePlan, domain: PlannedEmailDomain, client: ClientKind): StepOutcome {
  const host = domain.domain;
  const url = `https://${host}${XML_PATH}`;
  const answer = resolveName(plan, host, client);
  if (answer.resolves && answer.site) {
    // The plan itself publishes the bare domain (it is on a certificate): Exchange answers there.
    return httpsOutcome('rootDomain', url, host, answer, plan, client, {});
  }
  const base = { step: 'rootDomain' as const, url, hostname: host, dns: 'outside the plan', servers: [] };
  switch (domain.rootDomainResponder) {
    case undefined:
      return {
        ...base,
        answeredBy: 'undeclared (usually the public web site)',
        effect: 'unknown',
        reason: `what answers https://${host}/ is outside the plan and not declared; a web site whose certificate does not name ${host} gives Outlook a certificate warning here before it moves on`,
        fixes: rootDomainFixes(host),
      };
    case 'nothing':
      return { ...base, answeredBy: 'nothing (declared)', effect: 'movesOn', reason: `nothing answers on port 443 at ${host}: Outlook moves on silently (after a timeout if a firewall drops the packets)` };
    case 'webSiteWithValidCertificate':
      return { ...base, answeredBy: 'web site with a valid certificate (declared)', effect: 'movesOn', reason: `the web site at ${host} has a valid certificate and no Autodiscover: Outlook moves on silently` };
    case 'webSiteWithOtherCertificate':
      return {
        ...base,
        answeredBy: 'web site with another certificate (declared)',
        effect: 'warnsThenMovesOn',
        reason: `the web site at ${host} presents a certificate that does not name ${host}: Outlook shows a certificate warning, then moves on`,
        fixes: rootDomainFixes(host).slice(1),
      };
    case 'exchange': {
      // Declared to reach Exchange through DNS outside the plan: the external host's site answers.
      const via = resolveName(plan, plan.externalHostname, client);
      return { ...httpsOutcome('rootDomain', url, host, { ...via, dns: `outside the plan, declared to reach Exchange (as ${plan.externalHostname})` }, plan, client, {}) };
    }
  }
}

/** The ways out of an undeclared or mismatched root domain. */
export function rootDomainFixes(domain: string): string[] {
  return [
    `declare what answers there: rootDomainResponders: { '${domain}': RootDomainResponder.nothing() | webSiteWithValidCertificate() | webSiteWithOtherCertificate() | exchange() }`,
    `make sure the web site at ${domain} has a valid certificate for ${domain} (then declare webSiteWithValidCertificate())`,
    'or have clients skip the step: DWORD ExcludeHttpsRootDomain = 1 under HKCU\\Software\\Microsoft\\Office\\<version>\\Outlook\\AutoDiscover (12.0 Outlook 2007, 14.0 2010, 15.0 2013, 16.0 2016 and later), by group policy',
  ];
}

function autodiscoverHostStep(plan: ExchangePlan, domain: PlannedEmailDomain, client: ClientKind): StepOutcome {
  const host = `autodiscover.${domain.domain}`;
  const url = `https://${host}${XML_PATH}`;
  const answer = resolveName(plan, host, client);
  const other = domain.autodiscoverHostname && domain.autodiscoverHostname !== host ? ` (Outlook never tries ${domain.autodiscoverHostname} on its own)` : '';
  return httpsOutcome('autodiscoverHost', url, host, answer, plan, client, {
    unresolved: `${host} has no DNS record${client === 'external' ? ' in the plan (make sure no wildcard record in the zone answers it)' : ''}${other}: Outlook moves on`,
  });
}

/**
 * Port 80 of the autodiscover host. The plan sets up no redirect there, and it cannot say
 * which site listens on port 80 of that address (the planned sites are HTTPS bindings), so
 * the row names the address, not a site.
 */
function httpRedirectStep(plan: ExchangePlan, domain: PlannedEmailDomain, client: ClientKind): StepOutcome {
  const host = `autodiscover.${domain.domain}`;
  const answer = resolveName(plan, host, client);
  const base = { step: 'httpRedirect' as const, url: `http://${host}${XML_PATH}`, hostname: host, dns: answer.dns, servers: [] };
  if (!answer.resolves) return { ...base, effect: 'movesOn', reason: `${host} does not resolve: Outlook moves on` };
  const where = answer.addresses && answer.addresses.length > 0 ? `port 80 on ${answer.addresses.join(', ')}` : `port 80 of ${host}`;
  return {
    ...base,
    answeredBy: `${where} (outside the plan)`,
    effect: 'movesOn',
    reason: `the plan sets up no redirect on ${where}; whatever listens there, if anything, is not planned (Exchange's own /Autodiscover requires SSL): Outlook moves on`,
  };
}

/**
 * Per plan, kind of client and SRV record value: the SRV step's outcome but for its
 * `hostname` (the SRV name), which is all of it that depends on the email domain once the
 * record is found. Hundreds of domains whose records point at one host share one.
 */
const srvOutcomes = new WeakMap<ExchangePlan, Map<string, StepOutcome>>();

function srvStep(plan: ExchangePlan, domain: PlannedEmailDomain, client: ClientKind): StepOutcome {
  const name = `_autodiscover._tcp.${domain.domain}`;
  const record = recordsNamed(plan, name).find((r) => r.type === 'SRV');
  if (!record) {
    return { step: 'srv', url: name, hostname: name, dns: 'no SRV record in the plan', servers: [], effect: 'movesOn', reason: `there is no ${name} record: Outlook moves on` };
  }
  let known = srvOutcomes.get(plan);
  if (!known) srvOutcomes.set(plan, (known = new Map()));
  const key = `${client}\0${record.values[0]}`;
  let outcome = known.get(key);
  if (!outcome) known.set(key, (outcome = srvTargetOutcome(plan, record.values[0], name, client)));
  return outcome.hostname === name ? outcome : { ...outcome, hostname: name };
}

/** The SRV step for a record with this value, at the SRV name `name`. */
function srvTargetOutcome(plan: ExchangePlan, value: string, name: string, client: ClientKind): StepOutcome {
  const [, , port, targetDot] = value.split(/\s+/);
  const target = targetDot.replace(/\.$/, '');
  const url = `https://${target}${XML_PATH}`;
  // The SRV record lives in public DNS; the target is resolved the client's way.
  const answer = resolveName(plan, target, client);
  const dns = `SRV ${value}; ${target}: ${answer.dns}`;
  if (port !== '443') {
    return { step: 'srv', url, hostname: name, dns, servers: [], effect: 'movesOn', reason: `the SRV record names port ${port}; Outlook only uses targets on port 443` };
  }
  const outcome = httpsOutcome('srv', url, name, { ...answer, dns }, plan, client, {
    unresolved: `the SRV target ${target} does not resolve: Outlook moves on`,
  });
  if (outcome.effect === 'answers') {
    return {
      ...outcome,
      effect: 'answersAfterRedirectPrompt',
      reason: `${outcome.reason}; Outlook asks once "Allow this website to configure ... server settings?" for ${target} before using it (the user may tick "Don't ask me about this website again")`,
    };
  }
  return outcome;
}

/** The outcome of an HTTPS request for Autodiscover at `host`, given what DNS answered. */
function httpsOutcome(
  step: AutodiscoverStep,
  url: string,
  host: string,
  answer: NameAnswer,
  plan: ExchangePlan,
  client: ClientKind,
  texts: { answered?: (why: string) => string; unresolved?: string; servers?: readonly string[] },
): StepOutcome {
  const base = { step, url, hostname: host, dns: answer.dns };
  const certHost = step === 'srv' ? url.slice('https://'.length).split('/')[0] : host;
  if (!answer.resolves) {
    return { ...base, servers: texts.servers ?? [], effect: 'movesOn', reason: texts.unresolved ?? `${host} does not resolve: Outlook moves on` };
  }
  if (!answer.site) {
    return { ...base, servers: [], effect: 'unknown', reason: `${certHost} points at an address where no planned web site answers` };
  }
  const site = answer.site;
  const match = matchCertificate(plan, site.certificate, certHost, client);
  const common = {
    ...base,
    answeredBy: siteLabel(site.webSite, site.servers, plan.servers.length),
    servers: site.servers,
    ...(site.certificate ? { certificateId: site.certificate.id } : {}),
  };
  if (match.ok) return { ...common, effect: 'answers', reason: texts.answered ? texts.answered(match.reason) : `${match.reason}; Autodiscover answers there` };
  return { ...common, effect: 'warnsThenAnswers', reason: `${match.reason}: Outlook shows a certificate warning, and gets Autodiscover there only if the user accepts it` };
}
