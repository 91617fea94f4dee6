/** What answers `https://<email domain>/`, declared per email domain. */
import { ExchangeCertificatePlanProps, RootDomainResponder } from '../../props';
import { InputProblems } from '../input-problems';
import { normalizeHostname } from '../names';

const FACTORIES = 'use RootDomainResponder.nothing(), webSiteWithValidCertificate(), webSiteWithOtherCertificate() or exchange().';

export function checkRootDomainResponders(given: ExchangeCertificatePlanProps['rootDomainResponders'], emailDomains: readonly string[], problems: InputProblems): Record<string, RootDomainResponder> | undefined {
  const before = problems.count;
  const out: Record<string, RootDomainResponder> = {};
  const known = new Set(emailDomains);
  for (const [domain, responder] of Object.entries(given ?? {})) {
    const prop = `rootDomainResponders['${domain}']`;
    const d = problems.check(() => normalizeHostname(prop, domain));
    if (d && !known.has(d)) problems.add(prop, domain, 'is not one of the email domains.', `declare responders for ${emailDomains.join(', ')} only.`);
    if (!(responder instanceof RootDomainResponder)) problems.add(prop, responder, 'is not a RootDomainResponder.', FACTORIES);
    else if (d) out[d] = responder;
  }
  return problems.count > before ? undefined : out;
}
