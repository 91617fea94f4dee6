import { Finding } from '../types';
import { RuleContext } from './context';

/** Microsoft's page on Edge Subscriptions (mandatory when Edge Transport carries hybrid mail flow). */
export const EDGE_SUBSCRIPTIONS_SOURCE = 'https://learn.microsoft.com/exchange/architecture/edge-transport-servers/edge-subscriptions';

/**
 * Hybrid through Edge Transport servers: the Edge Subscription carries the Edge server's
 * certificate (its public key is in the subscription file, and the Mailbox servers check it
 * when they synchronise), so a certificate change on an Edge server means a new Edge
 * Subscription. The plan's scripts run on the Mailbox servers; the Edge side is a step of
 * its own on each Edge server.
 */
export function hybridEdgeSubscriptionRule({ plan }: RuleContext): Finding[] {
  const edge = plan.hybrid?.edgeServers ?? [];
  if (edge.length === 0) return [];
  const names = edge.map((e) => e.name).join(', ');
  return [
    {
      id: 'EXC-HYBRID-EDGE-SUBSCRIPTION',
      severity: 'warning',
      prop: 'hybrid.edgeServers',
      message: `Hybrid mail flow runs through the Edge Transport server${edge.length === 1 ? '' : 's'} ${names}: a certificate change there (this step or a renewal) means a new Edge Subscription, which carries the Edge server's certificate (${EDGE_SUBSCRIPTIONS_SOURCE}).`,
      remedy: `on each of ${names}: import and enable the certificate for SMTP, run New-EdgeSubscription -FileName to write a new subscription file; copy it to a Mailbox server of the subscribed Active Directory site and import it there with New-EdgeSubscription -FileData and -Site within 24 hours, then run Start-EdgeSynchronization and check Test-EdgeSynchronization.`,
    },
  ];
}
