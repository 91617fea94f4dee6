/** IP address checks for the addresses DNS records point at. Pure helpers. */
import { isIPv4, isIPv6 } from 'node:net';

/** Parses dotted-quad IPv4 strictly (no leading zeros, four octets). */
export function parseIpv4(text: string): number[] | undefined {
  if (typeof text !== 'string' || !isIPv4(text)) return undefined;
  const parts = text.split('.');
  if (parts.some((p) => p.length > 1 && p.startsWith('0'))) return undefined;
  return parts.map(Number);
}

/**
 * Why an IPv4 address cannot be a public address (private, loopback, link-local, shared,
 * multicast, reserved), or undefined when it can. The documentation ranges (192.0.2.0/24,
 * 198.51.100.0/24, 203.0.113.0/24) are accepted so examples can use them; the
 * documentation-addresses rule warns about them.
 */
export function ipv4NotPublicReason(text: string): string | undefined {
  const o = parseIpv4(text);
  if (!o) return 'is not an IPv4 address';
  const [a, b] = o;
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'is a private (RFC 1918) address';
  if (a === 127) return 'is a loopback address';
  if (a === 169 && b === 254) return 'is a link-local address';
  if (a === 100 && b >= 64 && b <= 127) return 'is a carrier-grade NAT (RFC 6598) address';
  if (a === 0) return 'is in 0.0.0.0/8 ("this network")';
  if (a >= 224 && a <= 239) return 'is a multicast address';
  if (a >= 240) return 'is a reserved address';
  if (a === 192 && b === 0 && o[2] === 0) return 'is an IETF protocol assignment address';
  if (a === 198 && (b === 18 || b === 19)) return 'is a benchmarking (RFC 2544) address';
  return undefined;
}

/** Expands an IPv6 address to eight 16-bit groups, or undefined when it is not one. */
export function parseIpv6(text: string): number[] | undefined {
  if (typeof text !== 'string' || !isIPv6(text) || text.includes('%')) return undefined;
  let head = text;
  let tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const o = parseIpv4(v4[1]);
    if (!o) return undefined;
    tail = [(o[0] << 8) | o[1], (o[2] << 8) | o[3]];
    head = text.slice(0, -v4[1].length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const l = left ? left.split(':').filter((x) => x !== '').map((x) => parseInt(x, 16)) : [];
  const r = right ? right.split(':').filter((x) => x !== '').map((x) => parseInt(x, 16)) : [];
  const fill = 8 - l.length - r.length - tail.length;
  if (right === undefined && fill !== 0) return undefined;
  return [...l, ...Array(Math.max(0, fill)).fill(0), ...r, ...tail];
}

/** Why an IPv6 address cannot be a public address, or undefined when it can (2001:db8::/32 accepted for examples). */
export function ipv6NotPublicReason(text: string): string | undefined {
  const g = parseIpv6(text);
  if (!g) return 'is not an IPv6 address';
  if (g.every((x) => x === 0)) return 'is the unspecified address';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'is the loopback address';
  if ((g[0] & 0xfe00) === 0xfc00) return 'is a unique local (private, fc00::/7) address';
  if ((g[0] & 0xffc0) === 0xfe80) return 'is a link-local address';
  if ((g[0] & 0xff00) === 0xff00) return 'is a multicast address';
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return 'is an IPv4-mapped address (use publicIpv4)';
  return undefined;
}

/** Canonical text of an IPv6 address (RFC 5952: lower case, longest zero run compressed). */
export function canonicalIpv6(text: string): string {
  const g = parseIpv6(text);
  if (!g) return text;
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** True when the text is an IPv4 or IPv6 literal (possibly in brackets). */
export function looksLikeIpAddress(text: string): boolean {
  const t = text.replace(/^\[|\]$/g, '');
  return isIPv4(t) || (t.includes(':') && isIPv6(t)) || /^\d+(\.\d+){3}$/.test(t);
}

/**
 * The range an address lies in when it is one of the documentation ranges (RFC 5737:
 * 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24; RFC 3849: 2001:db8::/32), else undefined.
 * Nothing on the internet answers there.
 */
export function documentationRange(text: string): string | undefined {
  const o = parseIpv4(text);
  if (o) {
    if (o[0] === 192 && o[1] === 0 && o[2] === 2) return '192.0.2.0/24';
    if (o[0] === 198 && o[1] === 51 && o[2] === 100) return '198.51.100.0/24';
    if (o[0] === 203 && o[1] === 0 && o[2] === 113) return '203.0.113.0/24';
    return undefined;
  }
  const g = parseIpv6(text);
  return g && g[0] === 0x2001 && g[1] === 0x0db8 ? '2001:db8::/32' : undefined;
}
