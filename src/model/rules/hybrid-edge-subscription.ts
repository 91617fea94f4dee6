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
      remedy: `run the plan's edge-certificate script on each of ${names} (it imports the certificate, enables it for SMTP and writes a new subscription file with New-EdgeSubscription -FileName), copy the file to the first Mailbox server and run the import-edge-subscription script there within 24 hours (New-EdgeSubscription -FileData -Site, Start-EdgeSynchronization); then run the Hybrid Configuration Wizard again (it recreates the Edge server's hybrid connectors on the new certificate) and check Test-EdgeSynchronization. At every renewal of this certificate, the same.`,
    },
  ];
}
