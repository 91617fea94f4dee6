import { Finding } from '../types';
import { RuleContext } from './context';

/** Several servers behind one name share one certificate: its key must be exportable. */
export function sharedKeyRule({ plan }: RuleContext): Finding[] {
  if (plan.servers.length < 2) return [];
  return [
    {
      id: 'EXC-SHARED-CERTIFICATE',
      severity: 'info',
      message: `${plan.servers.length} servers answer the same names, so the certificate is requested on ${plan.servers[0].name} with an exportable key and imported from a PFX on ${plan.servers.slice(1).map((s) => s.name).join(', ')}.`,
      remedy: 'keep the PFX and its password out of mail and shares; delete the PFX after the import.',
    },
  ];
}
