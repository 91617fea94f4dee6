/**
 * The Client Access servers and the internal (Active Directory DNS) domain they live in.
 * A server whose FQDN is not under `internalDomain` is allowed (a disjoint namespace) and
 * reported by the internal-domain rule; an `internalDomain` that is one slip away from the
 * servers' own domain is refused as a typo.
 */
import { ExchangeCertificatePlanProps } from '../../props';
import { editDistance } from '../closest-name';
import { InputProblems } from '../input-problems';
import { parseIpv4 } from '../ip';
import { isAtOrUnder, normalizeHostname } from '../names';
import { PlanInputs } from '../types';

type PlannedServer = PlanInputs['servers'][number];
import { rejectDuplicates } from './duplicates';

const NETBIOS = /^[A-Za-z0-9][A-Za-z0-9-]{0,14}$/;

export function checkServers(props: ExchangeCertificatePlanProps, problems: InputProblems): PlannedServer[] | undefined {
  if (!Array.isArray(props.servers) || props.servers.length === 0) {
    problems.add('servers', props.servers, 'must list at least one Client Access server.', "give [{ name: 'SERVER01', fqdn: 'server01.contoso.local' }] for each server that holds the Client Access role.");
    return undefined;
  }
  const before = problems.count;
  const servers = props.servers.map((s, i) => checkServer(s, i, problems));
  if (problems.count > before) return undefined;
  const ok = servers as PlannedServer[];
  rejectDuplicates(problems, 'servers', ok.map((s) => s.name), 'servers[].name');
  rejectDuplicates(problems, 'servers', ok.map((s) => s.fqdn), 'servers[].fqdn');
  return problems.count > before ? undefined : ok;
}

function checkServer(s: ExchangeCertificatePlanProps['servers'][number], i: number, problems: InputProblems): PlannedServer | undefined {
  if (!s || typeof s !== 'object') {
    problems.add(`servers[${i}]`, s, 'is not a server.', "give { name: 'SERVER01', fqdn: 'server01.contoso.local' } (ipv4 optional).");
    return undefined;
  }
  let ok = true;
  if (typeof s.name !== 'string' || !NETBIOS.test(s.name)) {
    problems.add(`servers[${i}].name`, s.name, 'is not a NetBIOS computer name (1-15 letters, digits or hyphens, not starting with a hyphen).', "give the server's computer name as hostname.exe shows it, like 'SERVER01'.");
    ok = false;
  }
  const fqdn = problems.check(() => normalizeHostname(`servers[${i}].fqdn`, s.fqdn));
  if (fqdn && ok && fqdn.split('.')[0] !== s.name.toLowerCase()) {
    problems.add(`servers[${i}].fqdn`, s.fqdn, `does not start with the server's name '${s.name}'.`, `give the server's full name, '${s.name.toLowerCase()}.<its DNS domain>' (Get-ExchangeServer shows it as Fqdn).`);
    ok = false;
  }
  if (s.ipv4 !== undefined && !parseIpv4(s.ipv4)) {
    problems.add(`servers[${i}].ipv4`, s.ipv4, 'is not an IPv4 address.', "give the server's internal address in dotted form, like '192.168.10.11', or leave ipv4 out.");
    ok = false;
  }
  if (!ok || !fqdn) return undefined;
  return { name: s.name.toUpperCase(), fqdn, ...(s.ipv4 !== undefined ? { ipv4: s.ipv4 } : {}) };
}

/**
 * The internal domain, normalised; refused when no server is under it but it is one or two
 * letters away from the domain the servers are in (a typo that would put a wrong name on a
 * private certificate and in the split-DNS advice).
 */
export function checkInternalDomain(props: ExchangeCertificatePlanProps, servers: readonly PlannedServer[] | undefined, problems: InputProblems): string | undefined {
  if (props.internalDomain === undefined) return undefined;
  const domain = problems.check(() => normalizeHostname('internalDomain', props.internalDomain, { allowSingleLabel: false }));
  if (!domain || !servers || servers.some((s) => isAtOrUnder(s.fqdn, domain))) return domain;
  const serverDomains = [...new Set(servers.map((s) => s.fqdn.slice(s.fqdn.indexOf('.') + 1)))];
  const near = serverDomains.find((d) => editDistance(d, domain) <= 2);
  if (near) {
    problems.add('internalDomain', props.internalDomain, `is not the domain of any server, but one slip away from '${near}', where ${servers.filter((s) => s.fqdn.endsWith(`.${near}`)).map((s) => s.name).join(', ')} ${servers.length === 1 ? 'is' : 'are'}: a typo?`, `use internalDomain: '${near}' (or correct the servers' FQDNs).`);
    return undefined;
  }
  return domain;
}
