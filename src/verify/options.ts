/** How the verifier runs: where from, which DNS, which trust, how long to wait. */

/** A curl-style `--resolve name:port:address` override. */
export interface ResolveOverride {
  readonly name: string;
  readonly port: number;
  readonly address: string;
}

export interface VerifyOptions {
  /**
   * Run as a domain-joined client inside the network: check the domain-joined rows (SCP
   * URL, split DNS, internal names) and leave the external rows unchecked.
   * @default false - external rows only, as a client on the internet
   */
  readonly inside?: boolean;
  /**
   * DNS server to ask, `address` or `address:port` (IPv6 in brackets with a port).
   * @default - the system's DNS servers
   */
  readonly dnsServer?: string;
  /** Names answered without DNS, like curl's `--resolve`. @default - none */
  readonly resolve?: readonly ResolveOverride[];
  /**
   * Connect to another address than the one DNS gave (NAT, a staging copy, a test):
   * DNS answers are still compared with the plan. @default - none
   */
  readonly addressMap?: ReadonlyMap<string, string>;
  /** PEM text of extra root certificates to trust, besides Node's trust store. @default - none */
  readonly extraCa?: string;
  /** Deadline per connection (connect, TLS handshake, request) and per DNS query, in ms. @default 5000 */
  readonly timeoutMs?: number;
  /** Refuse to connect to anything outside 127.0.0.0/8 (tests). @default false */
  readonly loopbackOnly?: boolean;
  /** The clock for expiry and renewal checks. @default - now */
  readonly now?: Date;
}

export const DEFAULT_TIMEOUT_MS = 5000;
