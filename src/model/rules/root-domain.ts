import { coveredBy } from '../names';
import { Finding } from '../types';
import { RuleContext } from './context';

/**
 * Outlook's first DNS guess for Autodiscover is https://<email domain>/, usually the
 * public web site, outside the plan. A certificate there that does not name the bare
 * domain gives every external Outlook a warning; undeclared, it is a risk to check.
 */
export function rootDomainRule({ plan }: RuleContext): Finding[] {
  const out: Finding[] = [];
  const onCertificate = coveredBy(plan.certificates.flatMap((c) => c.names));
  const published = new Set(plan.publicHostnames.map((h) => h.name));
  const registry = 'DWORD ExcludeHttpsRootDomain = 1 under HKCU\\Software\\Microsoft\\Office\\<version>\\Outlook\\AutoDiscover on the clients (by group policy)';
  for (const d of plan.emailDomains) {
    const prop = `rootDomainResponders['${d.domain}']`;
    switch (d.rootDomainResponder) {
      case undefined:
        if (onCertificate(d.domain) && published.has(d.domain)) break; // the plan publishes the bare domain at Exchange itself
        out.push({
          id: 'EXC-ROOT-DOMAIN-UNDECLARED',
          severity: 'info',
          prop,
          message: `what answers https://${d.domain}/ (Outlook's first Autodiscover guess for ${d.domain}) is not declared; if it is a web site whose certificate does not name ${d.domain}, external Outlook shows a certificate warning there.`,
          remedy: `declare it in rootDomainResponders (nothing, webSiteWithValidCertificate, webSiteWithOtherCertificate or exchange); or make sure that site has a valid certificate for ${d.domain}; or set ${registry}.`,
        });
        break;
      case 'webSiteWithOtherCertificate':
        out.push({
          id: 'EXC-ROOT-DOMAIN-CERTIFICATE',
          severity: 'warning',
          prop,
          message: `the web site at https://${d.domain}/ presents a certificate that does not name ${d.domain}: every external Outlook for ${d.domain} shows a certificate warning before it reaches Autodiscover.`,
          remedy: `give that web site a certificate that names ${d.domain}, stop it answering on port 443, or set ${registry}.`,
        });
        break;
      case 'exchange':
        if (!onCertificate(d.domain)) {
          out.push({
            id: 'EXC-ROOT-DOMAIN-CERTIFICATE',
            severity: 'warning',
            prop,
            message: `https://${d.domain}/ is declared to reach Exchange, but no certificate names ${d.domain} (a wildcard does not cover the bare domain): Outlook shows a certificate warning there.`,
            remedy: `add '${d.domain}' to additionalNames, or point ${d.domain} elsewhere and declare what answers there.`,
          });
        }
        break;
      default:
        break;
    }
  }
  return out;
}
