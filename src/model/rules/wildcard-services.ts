import { ExchangeService } from '../../exchange-service';
import { Finding } from '../types';
import { RuleContext } from './context';

/** A wildcard certificate must not be enabled for POP/IMAP, and Outlook Anywhere needs msstd:*.d. */
export function wildcardServicesRule({ plan }: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const c of plan.certificates) {
    const wildcards = c.names.filter((n) => n.startsWith('*.'));
    if (wildcards.length === 0) continue;
    const popImap = c.services.filter((s) => s === ExchangeService.POP || s === ExchangeService.IMAP);
    if (popImap.length > 0) {
      out.push({
        id: 'EXC-WILDCARD-POP-IMAP',
        severity: 'warning',
        prop: 'services',
        message: `certificate '${c.id}' holds ${wildcards.join(', ')} and is enabled for ${popImap.join(', ')}; Exchange does not support enabling a wildcard certificate for POP or IMAP.`,
        remedy: 'leave POP and IMAP off this certificate, or set Set-PopSettings/Set-ImapSettings -X509CertificateName to a host name on it.',
      });
    }
    out.push({
      id: 'EXC-WILDCARD-OUTLOOK-ANYWHERE',
      severity: 'info',
      message: `certificate '${c.id}' holds ${wildcards.join(', ')}; Outlook Anywhere clients match the certificate principal name, so it must be msstd:${wildcards[0]}.`,
      remedy: `run Set-OutlookProvider EXPR -CertPrincipalName 'msstd:${wildcards[0]}' (and EXCH for internal clients).`,
    });
  }
  return out;
}
