/** The two kinds of client the review checks. */

/**
 * 'external': not domain-joined, or off the company network (no domain controller in
 * reach), so it finds everything through public DNS. 'domainJoined': a domain member on
 * the company network, which reads the SCP from Active Directory and uses internal DNS.
 */
export type ClientKind = 'external' | 'domainJoined';

export const CLIENT_KINDS: readonly ClientKind[] = ['external', 'domainJoined'];

/** 'external', 'domain-joined' for documents. */
export function clientLabel(kind: ClientKind): string {
  return kind === 'external' ? 'external' : 'domain-joined';
}
