/** The options of `CertificateStrategy.twoCertificates()`: the Autodiscover site's addresses and name. */
import { CertificateStrategy } from '../../strategy';
import { InputProblems } from '../input-problems';
import { parseIpv4 } from '../ip';
import { PlanInputs } from '../types';
import { checkPublicAddresses } from './addresses';
import { rejectDuplicates } from './duplicates';

export interface AutodiscoverSite {
  readonly autodiscoverPublicIpv4?: string;
  readonly autodiscoverPublicIpv6?: string;
  readonly autodiscoverServerIpv4?: Record<string, string>;
  readonly autodiscoverWebSiteName?: string;
}

export function checkTwoCertificates(
  strategy: CertificateStrategy,
  publicIpv4: readonly string[],
  publicIpv6: readonly string[],
  servers: PlanInputs['servers'],
  problems: InputProblems,
): AutodiscoverSite | undefined {
  const o = strategy.twoCertificatesOptions!;
  const before = problems.count;
  const v4 = checkPublicAddresses(problems, 'strategy.autodiscoverPublicIpv4', [o.autodiscoverPublicIpv4], 4, true, o.autodiscoverPublicIpv4)?.[0];
  if (v4 && publicIpv4.includes(v4)) {
    problems.add(
      'strategy.autodiscoverPublicIpv4',
      o.autodiscoverPublicIpv4,
      'is also in publicIpv4; the Autodiscover web site needs its own address, or clients get the mail certificate for the autodiscover name.',
      'give the second site its own public address, or use sanCertificate() / srvRecord().',
    );
  }
  let v6: string | undefined;
  if (o.autodiscoverPublicIpv6 !== undefined) {
    v6 = checkPublicAddresses(problems, 'strategy.autodiscoverPublicIpv6', [o.autodiscoverPublicIpv6], 6, true, o.autodiscoverPublicIpv6)?.[0];
    if (v6 && publicIpv6.includes(v6)) {
      problems.add('strategy.autodiscoverPublicIpv6', o.autodiscoverPublicIpv6, 'is also in publicIpv6; the Autodiscover web site needs its own address.', 'give the second site its own public IPv6 address, or leave it out.');
    }
  }
  const list = typeof o.autodiscoverServerIpv4 === 'string' ? [o.autodiscoverServerIpv4] : [...(o.autodiscoverServerIpv4 ?? [])];
  const byServer: Record<string, string> = {};
  if (list.length !== servers.length) {
    problems.add('strategy.autodiscoverServerIpv4', o.autodiscoverServerIpv4, `must give one address per server (${servers.length}), in the order of servers.`, `list ${servers.length} internal addresses, one for the Autodiscover site on each of ${servers.map((s) => s.name).join(', ')}.`);
  } else {
    list.forEach((ip, i) => {
      if (!parseIpv4(ip)) {
        problems.add(`strategy.autodiscoverServerIpv4[${i}]`, ip, 'is not an IPv4 address.', "give the second site's internal address in dotted form, like '192.168.10.12'.");
      } else if (servers[i].ipv4 === ip) {
        problems.add(`strategy.autodiscoverServerIpv4[${i}]`, ip, `is the server's own address (servers[${i}].ipv4); the second site needs a second address so it can hold its own certificate.`, `add a second address to ${servers[i].name} and give that.`);
      } else {
        byServer[servers[i].name] = ip;
      }
    });
    rejectDuplicates(problems, 'strategy.autodiscoverServerIpv4', list, 'strategy.autodiscoverServerIpv4');
  }
  const webSiteName = o.webSiteName ?? 'AutoDiscover';
  if (typeof webSiteName !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/.test(webSiteName) || webSiteName.toLowerCase() === 'default web site') {
    problems.add('strategy.webSiteName', o.webSiteName, "must be a new IIS site name of letters, digits, spaces, '.', '_' or '-' (not 'Default Web Site').", "give a new site's name, or leave it out ('AutoDiscover').");
  }
  if (problems.count > before) return undefined;
  return { autodiscoverPublicIpv4: v4, autodiscoverPublicIpv6: v6, autodiscoverServerIpv4: byServer, autodiscoverWebSiteName: webSiteName };
}
