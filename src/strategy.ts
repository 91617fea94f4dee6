import { rememberOptions } from './model/given-options';

/** Options of `CertificateStrategy.twoCertificates()` (the seed article's Alternative 2). */
export interface TwoCertificatesOptions {
  /**
   * Public IPv4 address of the second IIS web site that serves Autodiscover. External DNS
   * points the autodiscover host name here.
   */
  readonly autodiscoverPublicIpv4: string;
  /**
   * Address the second web site binds to on each server (a second address on the NIC).
   * One address for every server in `servers`, in the same order; a single string is
   * accepted when there is one server.
   */
  readonly autodiscoverServerIpv4: string | readonly string[];
  /**
   * Public IPv6 address of the Autodiscover web site.
   * @default - no AAAA record for the autodiscover host name
   */
  readonly autodiscoverPublicIpv6?: string;
  /**
   * Name of the second IIS web site. `New-AutodiscoverVirtualDirectory -WebSiteName`
   * matches it case-sensitively.
   * @default 'AutoDiscover'
   */
  readonly webSiteName?: string;
  /**
   * Publish `_autodiscover._tcp` SRV records for the additional email domains, pointing at
   * the autodiscover host name, so their users find Autodiscover without more names on
   * the certificates.
   * @default true
   */
  readonly srvForAdditionalDomains?: boolean;
}

/** Options of `CertificateStrategy.singleName()` (the seed article's Alternative 1). */
export interface SingleNameOptions {
  /**
   * Publish `_autodiscover._tcp` SRV records for the additional email domains, pointing at
   * the one name on the certificate.
   * @default true
   */
  readonly srvForAdditionalDomains?: boolean;
}

/** The kinds of layout a plan can use. */
export type CertificateStrategyKind = 'sanCertificate' | 'singleName' | 'twoCertificates' | 'srvRecord';

/**
 * How the client-access names are spread over certificates and DNS.
 *
 * @see https://learn.microsoft.com/exchange/architecture/client-access/certificates
 */
export class CertificateStrategy {
  /**
   * One certificate whose subject alternative names cover every host name clients use:
   * the external host name, the autodiscover host name and `autodiscover.<d>` for every
   * additional email domain (Microsoft's recommendation).
   */
  public static sanCertificate(): CertificateStrategy {
    return new CertificateStrategy('sanCertificate', {});
  }

  /**
   * One ordinary certificate for the autodiscover host name, which users then also use for
   * OWA, ActiveSync and Outlook Anywhere (the seed's Alternative 1).
   */
  public static singleName(options: SingleNameOptions = {}): CertificateStrategy {
    return rememberOptions(new CertificateStrategy('singleName', { srvForAdditionalDomains: options.srvForAdditionalDomains ?? true }), 'singleName', options);
  }

  /**
   * Two single-name certificates: the external host name on the Default Web Site and the
   * autodiscover host name on a second IIS web site with its own address and its own
   * Autodiscover virtual directory (the seed's Alternative 2).
   */
  public static twoCertificates(options: TwoCertificatesOptions): CertificateStrategy {
    return rememberOptions(
      new CertificateStrategy('twoCertificates', {
        srvForAdditionalDomains: options.srvForAdditionalDomains ?? true,
        twoCertificates: options,
      }),
      'twoCertificates',
      options,
    );
  }

  /**
   * One single-name certificate for the external host name, and a DNS SRV record
   * `_autodiscover._tcp.<d>` for every email domain pointing at it (Outlook 2007 with the
   * June 2007 update rollup and every later Outlook).
   */
  public static srvRecord(): CertificateStrategy {
    return new CertificateStrategy('srvRecord', {});
  }

  /** Whether additional email domains get SRV records (singleName, twoCertificates). */
  public readonly srvForAdditionalDomains?: boolean;
  /** The options of `twoCertificates()`, when that is the strategy. */
  public readonly twoCertificatesOptions?: TwoCertificatesOptions;

  private constructor(
    /** Which layout this is. */
    public readonly kind: CertificateStrategyKind,
    options: { srvForAdditionalDomains?: boolean; twoCertificates?: TwoCertificatesOptions },
  ) {
    this.srvForAdditionalDomains = options.srvForAdditionalDomains;
    this.twoCertificatesOptions = options.twoCertificates;
  }
}
