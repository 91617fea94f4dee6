import { Finding } from '../types';
import { RuleContext } from './context';

/** Versions out of Microsoft support get no security updates; say so, without using the clock. */
export function supportedVersionRule({ plan }: RuleContext): Finding[] {
  const v = plan.exchangeVersion;
  if (!v.supportEnded) return [];
  return [
    {
      id: 'EXC-VERSION-UNSUPPORTED',
      severity: 'warning',
      prop: 'exchangeVersion',
      message: `${v.displayName} left Microsoft's extended support on ${v.supportEnded}: no security updates, and current clients and TLS settings may not work with it.`,
      remedy: 'plan the move to Exchange Server Subscription Edition (or Exchange Online); the certificate plan carries over with exchangeVersion changed.',
    },
  ];
}
