/** The public addresses external names point at. */
import { InputProblems } from '../input-problems';
import { canonicalIpv6, ipv4NotPublicReason, ipv6NotPublicReason } from '../ip';
import { rejectDuplicates } from './duplicates';

/**
 * Checks a list of public addresses of one family and returns them (IPv6 in canonical
 * form), or undefined when one is refused. `shown` replaces the list in problems about a
 * single-address option (the twoCertificates site address).
 */
export function checkPublicAddresses(problems: InputProblems, prop: string, list: readonly string[] | undefined, family: 4 | 6, required: boolean, shown?: unknown): string[] | undefined {
  if (!Array.isArray(list)) {
    problems.add(prop, list, `must be a list of public IPv${family} addresses.`, `give a list, like ${prop}: ['${family === 4 ? '203.0.113.10' : '2001:db8::10'}'].`);
    return undefined;
  }
  if (required && list.length === 0) {
    problems.add(prop, list, `must hold at least one public IPv${family} address for the external names to point at.`, 'give the public address of the firewall, NAT or load balancer in front of the servers.');
    return undefined;
  }
  const before = problems.count;
  const out = list.map((ip, i) => {
    const why = family === 4 ? ipv4NotPublicReason(ip) : ipv6NotPublicReason(ip);
    if (why) {
      problems.add(
        shown === undefined ? `${prop}[${i}]` : prop,
        shown ?? ip,
        `${why}; external DNS must point at an address reachable from the internet.`,
        'give the public address of the firewall, NAT or load balancer in front of the servers (internal addresses belong in servers[].ipv4).',
      );
      return ip;
    }
    return family === 6 ? canonicalIpv6(ip) : ip;
  });
  if (problems.count > before) return undefined;
  rejectDuplicates(problems, prop, out, prop);
  return problems.count > before ? undefined : out;
}
