/**
 * `hybrid`: a hybrid organisation with Exchange Online. Refused on Exchange 2007 (no hybrid
 * there) and without SMTP among the services (the hybrid connectors present the SMTP
 * certificate). Connector names must be names, Receive connector identities
 * 'SERVER\Connector name' on a server of the plan or an Edge server, the Auth certificate's
 * dates calendar dates with the rotation at least 48 hours before expiry.
 *
 * "In the past" is judged against `plannedIssueDate`, the plan's own day, never the clock:
 * synth must give the same answer tomorrow.
 */
import { ExchangeService } from '../../exchange-service';
import { ExchangeVersion } from '../../exchange-version';
import { AuthCertificateInfo, EdgeServerInfo, ExchangeOnlineConnectorInfo, HybridProps } from '../../hybrid';
import { ExchangeCertificatePlanProps } from '../../props';
import { InputProblems } from '../input-problems';
import { normalizeHostname } from '../names';
import { rejectDuplicates } from './duplicates';
import { CONTROL } from './organization';

/** The hybrid props, checked and normalised. */
export interface HybridInputs {
  readonly sendConnectors: readonly string[];
  readonly receiveConnectors: readonly { readonly identity: string; readonly server: string; readonly name: string }[];
  readonly edgeServers: readonly { readonly name: string; readonly fqdn: string }[];
  readonly authCertificate?: { readonly thumbprint?: string; readonly notAfter?: string; readonly rotationDate?: string };
  readonly exchangeOnline: { readonly inboundConnector?: string; readonly outboundConnector?: string; readonly currentCertificateName?: string };
}

/** What the hybrid check needs from the checks before it (each undefined when that check failed). */
export interface HybridContext {
  readonly version?: ExchangeVersion;
  readonly services?: readonly ExchangeService[];
  readonly servers?: readonly { readonly name: string }[];
  readonly plannedIssueDate?: string;
}

const NETBIOS = /^[A-Za-z0-9][A-Za-z0-9-]{0,14}$/;
const THUMBPRINT = /^[0-9A-Fa-f]{40}$/;
/** Microsoft's rotation: the new Auth certificate becomes effective at least 48 hours after it is set. */
export const AUTH_ROTATION_HOURS = 48;

/** Checks `props.hybrid`; undefined when it is not given or has problems (recorded). */
export function checkHybrid(props: ExchangeCertificatePlanProps, ctx: HybridContext, problems: InputProblems): HybridInputs | undefined {
  const given = props.hybrid;
  if (given === undefined) return undefined;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    problems.add('hybrid', given, 'is not an object.', "give hybrid: {} for a hybrid organisation (connectors and the Auth certificate optional), or leave it out.");
    return undefined;
  }
  const before = problems.count;
  if (ctx.version && !ctx.version.atLeast(ExchangeVersion.EXCHANGE_2010)) {
    problems.add('hybrid', given, `is not possible with Exchange ${ctx.version.name}: Exchange 2007 has no hybrid deployment with Exchange Online (no hybrid configuration, no TlsCertificateName on connectors).`, 'remove hybrid; a hybrid organisation runs its hybrid on Exchange 2010 or later servers, so plan those servers\' certificate instead.');
    return undefined;
  }
  if (ctx.services && !ctx.services.includes(ExchangeService.SMTP)) {
    problems.add('hybrid', given, 'needs the certificate enabled for SMTP: the hybrid connectors present the SMTP certificate to Exchange Online.', `add SMTP to services (now ${ctx.services.join(', ')}), or remove hybrid.`);
  }
  const edgeServers = checkEdgeServers(given.edgeServers, ctx, problems);
  const sendConnectors = checkNames('hybrid.sendConnectors', given.sendConnectors, problems, "'Outbound to Office 365 - <guid>'");
  const hosts = new Set([...(ctx.servers ?? []).map((s) => s.name.toUpperCase()), ...(edgeServers ?? []).map((s) => s.name)]);
  const receiveConnectors = checkReceiveConnectors(given.receiveConnectors, hosts, ctx.servers !== undefined && edgeServers !== undefined, problems);
  const authCertificate = checkAuthCertificate(given.authCertificate, ctx, problems);
  const exchangeOnline = checkExchangeOnline(given.exchangeOnline, problems);
  if (problems.count > before) return undefined;
  return {
    sendConnectors: sendConnectors!,
    receiveConnectors: receiveConnectors!,
    edgeServers: edgeServers!,
    ...(authCertificate ? { authCertificate } : {}),
    exchangeOnline: exchangeOnline!,
  };
}

/** A connector name: a non-empty string on one line, without white space at either end. */
function checkName(prop: string, value: unknown, problems: InputProblems, example: string): string | undefined {
  if (typeof value !== 'string' || value.length === 0) {
    problems.add(prop, value, 'is not a connector name.', `give the name as Exchange shows it, like ${example}.`);
    return undefined;
  }
  if (CONTROL.test(value)) {
    problems.add(prop, value, 'contains control characters or line breaks.', 'give the name on one line, as Exchange shows it.');
    return undefined;
  }
  if (value.trim() !== value) {
    problems.add(prop, value, 'has white space at its start or end.', `use '${value.trim()}'.`);
    return undefined;
  }
  return value;
}

function checkNames(prop: string, given: unknown, problems: InputProblems, example: string): string[] | undefined {
  if (given === undefined) return [];
  if (!Array.isArray(given)) {
    problems.add(prop, given, 'is not a list.', `give a list of names, like [${example}], or leave it out.`);
    return undefined;
  }
  const before = problems.count;
  const names = given.map((v, i) => checkName(`${prop}[${i}]`, v, problems, example));
  if (problems.count > before) return undefined;
  rejectDuplicates(problems, prop, (names as string[]).map((n) => n.toLowerCase()), prop);
  return problems.count > before ? undefined : (names as string[]);
}

function checkReceiveConnectors(given: HybridProps['receiveConnectors'], hosts: ReadonlySet<string>, hostsKnown: boolean, problems: InputProblems): HybridInputs['receiveConnectors'] | undefined {
  const prop = 'hybrid.receiveConnectors';
  const identities = checkNames(prop, given, problems, "'SERVER01\\Default Frontend SERVER01'");
  if (!identities) return undefined;
  const before = problems.count;
  const out = identities.map((identity, i) => {
    const parts = identity.split('\\');
    if (parts.length !== 2 || !NETBIOS.test(parts[0]) || parts[1].trim().length === 0 || parts[1].trim() !== parts[1]) {
      problems.add(`${prop}[${i}]`, identity, "is not a Receive connector identity 'SERVER\\Connector name'.", "give the server's name, a backslash and the connector's name, like 'SERVER01\\Default Frontend SERVER01' (Get-ReceiveConnector shows it as Identity).");
      return undefined;
    }
    const server = parts[0].toUpperCase();
    if (hostsKnown && !hosts.has(server)) {
      problems.add(`${prop}[${i}]`, identity, `is on server '${parts[0]}', which is neither in servers nor in hybrid.edgeServers: the plan puts no certificate there.`, `use a connector of ${[...hosts].slice(0, 4).join(', ')}${hosts.size > 4 ? ' ...' : ''}, or add the server to servers (or hybrid.edgeServers).`);
      return undefined;
    }
    return { identity: `${server}\\${parts[1]}`, server, name: parts[1] };
  });
  return problems.count > before ? undefined : (out as HybridInputs['receiveConnectors']);
}

function checkEdgeServers(given: HybridProps['edgeServers'], ctx: HybridContext, problems: InputProblems): HybridInputs['edgeServers'] | undefined {
  const prop = 'hybrid.edgeServers';
  if (given === undefined) return [];
  if (!Array.isArray(given)) {
    problems.add(prop, given, 'is not a list.', "give [{ name: 'EDGE01', fqdn: 'edge01.contoso.com' }], or leave it out.");
    return undefined;
  }
  const before = problems.count;
  const clientAccess = new Set((ctx.servers ?? []).map((s) => s.name.toUpperCase()));
  const out = given.map((e: EdgeServerInfo, i) => {
    const p = `${prop}[${i}]`;
    if (!e || typeof e !== 'object') {
      problems.add(p, e, 'is not a server.', "give { name: 'EDGE01', fqdn: 'edge01.contoso.com' }.");
      return undefined;
    }
    if (typeof e.name !== 'string' || !NETBIOS.test(e.name)) {
      problems.add(`${p}.name`, e.name, 'is not a NetBIOS computer name (1-15 letters, digits or hyphens, not starting with a hyphen).', "give the Edge server's computer name, like 'EDGE01'.");
      return undefined;
    }
    const fqdn = problems.check(() => normalizeHostname(`${p}.fqdn`, e.fqdn));
    if (!fqdn) return undefined;
    if (fqdn.split('.')[0] !== e.name.toLowerCase()) {
      problems.add(`${p}.fqdn`, e.fqdn, `does not start with the server's name '${e.name}'.`, `give the Edge server's full name, '${e.name.toLowerCase()}.<its DNS domain>'.`);
      return undefined;
    }
    if (clientAccess.has(e.name.toUpperCase())) {
      problems.add(`${p}.name`, e.name, 'is also in servers; an Edge Transport server holds no Client Access role.', 'list it in one place: servers for Client Access (Mailbox) servers, hybrid.edgeServers for Edge Transport servers.');
      return undefined;
    }
    return { name: e.name.toUpperCase(), fqdn };
  });
  if (problems.count > before) return undefined;
  const ok = out as { name: string; fqdn: string }[];
  rejectDuplicates(problems, prop, ok.map((e) => e.name), 'hybrid.edgeServers[].name');
  return problems.count > before ? undefined : ok;
}

function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/** Days from a to b (calendar dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function checkAuthCertificate(given: AuthCertificateInfo | undefined, ctx: HybridContext, problems: InputProblems): HybridInputs['authCertificate'] | undefined {
  const prop = 'hybrid.authCertificate';
  if (given === undefined) return undefined;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    problems.add(prop, given, 'is not an object.', "give { thumbprint, notAfter: 'YYYY-MM-DD', rotationDate: 'YYYY-MM-DD' } (each optional), or leave it out.");
    return undefined;
  }
  if (ctx.version && !ctx.version.atLeast(ExchangeVersion.EXCHANGE_2013)) {
    problems.add(prop, given, `is not possible with Exchange ${ctx.version.name}: the Auth (OAuth) certificate and Set-AuthConfig exist from Exchange 2013.`, 'remove hybrid.authCertificate.');
    return undefined;
  }
  const before = problems.count;
  if (given.thumbprint !== undefined && (typeof given.thumbprint !== 'string' || !THUMBPRINT.test(given.thumbprint))) {
    problems.add(`${prop}.thumbprint`, given.thumbprint, 'is not a certificate thumbprint (40 hexadecimal digits, no spaces).', 'copy CurrentCertificateThumbprint from Get-AuthConfig, or leave it out (the scripts read it).');
  }
  for (const key of ['notAfter', 'rotationDate'] as const) {
    if (given[key] !== undefined && !isCalendarDate(given[key])) problems.add(`${prop}.${key}`, given[key], 'is not a calendar date YYYY-MM-DD.', "give the day, like '2027-06-30', or leave it out.");
  }
  if (problems.count > before) return undefined;
  const { notAfter, rotationDate } = given;
  if (notAfter && rotationDate && daysBetween(rotationDate, notAfter) * 24 < AUTH_ROTATION_HOURS) {
    problems.add(`${prop}.rotationDate`, rotationDate, `is less than ${AUTH_ROTATION_HOURS} hours before the Auth certificate expires (${notAfter}): the new certificate becomes effective only ${AUTH_ROTATION_HOURS} hours after the first run.`, `start the rotation on ${shiftDays(notAfter, -AUTH_ROTATION_HOURS / 24)} at the latest; earlier is better.`);
  }
  if (rotationDate && ctx.plannedIssueDate && rotationDate < ctx.plannedIssueDate) {
    problems.add(`${prop}.rotationDate`, rotationDate, `is before plannedIssueDate (${ctx.plannedIssueDate}): the rotation would be planned in the past.`, `give a day on or after ${ctx.plannedIssueDate}, or leave it out (60 days before notAfter).`);
  }
  if (problems.count > before) return undefined;
  return {
    ...(given.thumbprint !== undefined ? { thumbprint: given.thumbprint.toUpperCase() } : {}),
    ...(notAfter !== undefined ? { notAfter } : {}),
    ...(rotationDate !== undefined ? { rotationDate } : {}),
  };
}

/** A calendar date moved by a number of days. */
export function shiftDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function checkExchangeOnline(given: ExchangeOnlineConnectorInfo | undefined, problems: InputProblems): HybridInputs['exchangeOnline'] | undefined {
  const prop = 'hybrid.exchangeOnline';
  if (given === undefined) return {};
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    problems.add(prop, given, 'is not an object.', "give { inboundConnector, outboundConnector, currentCertificateName } (each optional), or leave it out.");
    return undefined;
  }
  const before = problems.count;
  const inbound = given.inboundConnector === undefined ? undefined : checkName(`${prop}.inboundConnector`, given.inboundConnector, problems, "'Inbound from <guid>'");
  const outbound = given.outboundConnector === undefined ? undefined : checkName(`${prop}.outboundConnector`, given.outboundConnector, problems, "'Outbound to <guid>'");
  const current =
    given.currentCertificateName === undefined ? undefined : problems.check(() => normalizeHostname(`${prop}.currentCertificateName`, given.currentCertificateName, { allowWildcard: true }));
  if (problems.count > before) return undefined;
  return {
    ...(inbound !== undefined ? { inboundConnector: inbound } : {}),
    ...(outbound !== undefined ? { outboundConnector: outbound } : {}),
    ...(current !== undefined ? { currentCertificateName: current } : {}),
  };
}
