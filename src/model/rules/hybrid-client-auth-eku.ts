import { Finding } from '../types';
import { RuleContext } from './context';

/**
 * Hybrid: on-premises SMTP presents the hybrid certificate as a TLS client when it sends to
 * Exchange Online. Public CAs are dropping the TLS Client Authentication EKU from their
 * server certificates on dated schedules (`model/client-auth-eku.ts` names each CA's change
 * and its announcement). Microsoft has not documented whether Exchange Online requires that
 * EKU of the on-premises certificate, so the finding says exactly that and asks for a test
 * rather than guessing either way: a warning when this issue already lacks it (or the date
 * is unknown), a note when the first certificate without it is a later renewal.
 */
export function hybridClientAuthEkuRule({ plan }: RuleContext): Finding[] {
  const outbound = plan.hybrid?.outbound;
  const change = outbound?.clientAuthEkuChange;
  if (!outbound || !change) return [];
  const when =
    outbound.clientAuthEkuMissingFrom === 'thisIssue'
      ? 'the certificate of this plan will not carry it'
      : outbound.clientAuthEkuMissingFrom === 'laterRenewal'
        ? `the certificate of this plan may still carry it, the first renewal issued on or after ${change.from} will not`
        : `without plannedIssueDate the plan cannot tell whether this certificate carries it; any issued on or after ${change.from} will not`;
  return [
    {
      id: 'EXC-HYBRID-CLIENT-AUTH-EKU',
      severity: outbound.clientAuthEkuMissingFrom === 'laterRenewal' ? 'info' : 'warning',
      prop: 'issuer',
      message: `${change.ca} leaves the TLS Client Authentication EKU out of ${change.scope} from ${change.from} (${change.source}), so ${when}; on-premises SMTP presents this certificate as a TLS client when it sends to Exchange Online over the hybrid Send connector. Microsoft has not documented whether Exchange Online requires that EKU of the on-premises certificate.`,
      remedy: 'after this step and after the first renewal without the EKU, send a test message from an on-premises mailbox to an Exchange Online mailbox and check the message trace shows it arriving over the inbound connector from on-premises; keep the previous certificate until it does.',
    },
  ];
}
