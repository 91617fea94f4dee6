import { Finding } from '../types';
import { RuleContext } from './context';

/** Every email domain needs a way to Autodiscover: a name on a certificate or an SRV record. */
export function autodiscoverCoverageRule({ plan }: RuleContext): Finding[] {
  return plan.emailDomains
    .filter((d) => d.autodiscover === 'none')
    .map((d) => ({
      id: 'EXC-AUTODISCOVER-UNCOVERED',
      severity: 'warning' as const,
      prop: 'additionalEmailDomains',
      message: `users of ${d.domain} have no Autodiscover: autodiscover.${d.domain} is on no certificate and there is no _autodiscover._tcp.${d.domain} SRV record, so external Outlook cannot configure itself (it ends at a certificate warning or a failure).`,
      remedy: `leave srvForAdditionalDomains at its default (true) to publish the SRV record, or use sanCertificate() to put autodiscover.${d.domain} on the certificate.`,
    }));
}
