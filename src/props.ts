import { CertificateRequest } from './certificate-request';
import { ExchangeService } from './exchange-service';
import { ExchangeVersion } from './exchange-version';
import { HybridProps } from './hybrid';
import { CertificateIssuer } from './issuer';
import { CertificateStrategy } from './strategy';

/** The organisation named in the certificate subject. */
export interface OrganizationInfo {
  /** Organisation name (subject O), for example 'Contoso Inc'. */
  readonly name: string;
  /** Two-letter ISO 3166 country code (subject C), for example 'US'. */
  readonly country: string;
  /**
   * State or province, spelled out (subject S).
   * @default - not in the subject
   */
  readonly state?: string;
  /**
   * City or locality (subject L).
   * @default - not in the subject
   */
  readonly locality?: string;
  /**
   * Organisational unit (subject OU). Public CAs no longer include it (CA/B Forum, 2022).
   * @default - not in the subject
   */
  readonly organizationalUnit?: string;
}

/** An Exchange server that holds the Client Access role. */
export interface ExchangeServerInfo {
  /** NetBIOS name, for example 'SERVER01'. */
  readonly name: string;
  /** Internal fully qualified name, for example 'server01.contoso.local'. */
  readonly fqdn: string;
  /**
   * Internal address of the server, for the split-DNS records the plan lists.
   * @default - the plan lists the internal records without an address
   */
  readonly ipv4?: string;
}

/** What answers `https://<email domain>/` (Outlook's first Autodiscover guess). */
export type RootDomainResponderKind = 'nothing' | 'webSiteWithValidCertificate' | 'webSiteWithOtherCertificate' | 'exchange';

/**
 * What answers HTTPS at an email domain's root. The root is usually the public web site,
 * outside the plan, so it is declared rather than built.
 */
export class RootDomainResponder {
  /** Nothing listens on 443 at the root domain (or it has no address): Outlook moves on silently. */
  public static nothing(): RootDomainResponder {
    return new RootDomainResponder('nothing');
  }
  /** A web site whose certificate is valid for the domain: Outlook gets no Autodiscover answer there and moves on silently. */
  public static webSiteWithValidCertificate(): RootDomainResponder {
    return new RootDomainResponder('webSiteWithValidCertificate');
  }
  /** A web site whose certificate does not cover the bare domain (a hosting provider's): Outlook shows a certificate warning. */
  public static webSiteWithOtherCertificate(): RootDomainResponder {
    return new RootDomainResponder('webSiteWithOtherCertificate');
  }
  /** The root domain points at Exchange itself: the plan must put the domain on the certificate. */
  public static exchange(): RootDomainResponder {
    return new RootDomainResponder('exchange');
  }
  private constructor(
    /** Which kind of responder this is. */
    public readonly kind: RootDomainResponderKind,
  ) {}
}

/** Props of `ExchangeCertificatePlan`. */
export interface ExchangeCertificatePlanProps {
  /** The Exchange release the scripts are written for. */
  readonly exchangeVersion: ExchangeVersion;
  /** The organisation named in the certificate subject. */
  readonly organization: OrganizationInfo;
  /** The primary SMTP domain, for example 'contoso.com'. */
  readonly emailDomain: string;
  /**
   * Further SMTP domains whose users use the same servers.
   * @default - none
   */
  readonly additionalEmailDomains?: readonly string[];
  /**
   * Host name external clients use for OWA, ActiveSync, EWS and Outlook Anywhere.
   * @default `mail.<emailDomain>` (the autodiscover host name with `singleName()`)
   */
  readonly externalHostname?: string;
  /**
   * Host name Outlook tries for Autodiscover.
   * @default `autodiscover.<emailDomain>`
   */
  readonly autodiscoverHostname?: string;
  /**
   * Extra names for the main certificate (a legacy host name, or a wildcard `*.<domain>`).
   * @default - no extra names
   */
  readonly additionalNames?: readonly string[];
  /**
   * The Active Directory DNS domain, when it differs from the email domain
   * (for example 'contoso.local' with split DNS).
   * @default - none
   */
  readonly internalDomain?: string;
  /** The Client Access servers. All of them get the same certificates and URLs. */
  readonly servers: readonly ExchangeServerInfo[];
  /** Public IPv4 addresses external names point at (the firewall or load balancer in front of the servers). */
  readonly publicIpv4: readonly string[];
  /**
   * Public IPv6 addresses external names point at.
   * @default - no AAAA records
   */
  readonly publicIpv6?: readonly string[];
  /** How names are spread over certificates and DNS. */
  readonly strategy: CertificateStrategy;
  /** Who signs the certificates. */
  readonly issuer: CertificateIssuer;
  /**
   * Services the main certificate is enabled for.
   * @default [IIS, SMTP]
   */
  readonly services?: readonly ExchangeService[];
  /**
   * RSA key size of the requests: 2048 or 4096; 3072 only where the key is made off the
   * server (`CertificateRequest.generateLocally`), because New-ExchangeCertificate does not
   * make 3072-bit keys.
   * @default 2048
   */
  readonly keySize?: number;
  /**
   * Put the internal names (server FQDNs, NetBIOS names, the internal domain) on the
   * certificate, as 2007-era guides did. Only private issuers may sign them.
   * @default false
   */
  readonly includeInternalNames?: boolean;
  /** Route53 hosted zones the external records go in: zone name -> zone id. */
  readonly hostedZones: Readonly<Record<string, string>>;
  /**
   * TTL of the records the plan creates, in seconds.
   * @default 300
   */
  readonly dnsTtl?: number;
  /**
   * Publish CAA records for the issuer at the certificate's names (never at the zone
   * apex, where they would bind every other certificate of the domain). With `acm()` they
   * need `additionalCaaIdentifiers` naming the CA of the servers' own certificate, which
   * CAA for Amazon alone would forbid.
   * @default true when the issuer has a CAA identifier; for acm() only with additionalCaaIdentifiers
   */
  readonly caaRecords?: boolean;
  /**
   * Further CAs allowed by the CAA records besides the issuer, for example the public CA of
   * the server's own certificate when ACM serves the load balancer ('digicert.com').
   * @default - only the issuer's CAA identifier
   */
  readonly additionalCaaIdentifiers?: readonly string[];
  /**
   * Where the certificate signing requests come from.
   * @default CertificateRequest.onServer()
   */
  readonly certificateRequest?: CertificateRequest;
  /**
   * Per certificate id ('exchange', 'mail', 'autodiscover'), a request source overriding
   * `certificateRequest`.
   * @default - `certificateRequest` for every certificate
   */
  readonly certificateRequests?: Readonly<Record<string, CertificateRequest>>;
  /**
   * The day the certificates are to be issued (YYYY-MM-DD), to check lifetimes against the
   * public CA limit in force then and to give renewal dates.
   * @default - lifetimes and renewal are stated relative to issuance
   */
  readonly plannedIssueDate?: string;
  /**
   * Export the certificate with its key as a PFX for a reverse proxy or load balancer that
   * bridges TLS (the password is prompted for when the script runs).
   * @default false
   */
  readonly exportPfxForReverseProxy?: boolean;
  /**
   * What answers `https://<domain>/` for each email domain.
   * @default - undeclared: shown as a risk in the review document
   */
  readonly rootDomainResponders?: Readonly<Record<string, RootDomainResponder>>;
  /**
   * Friendly name prefix of the certificates in the server's store.
   * @default the organisation name without spaces
   */
  readonly friendlyName?: string;
  /**
   * Make synth fail when the review has any error or warning (a rule's, or a client that
   * would see a certificate warning), for CI. Each one is a cdktf annotation either way.
   * @default false - warnings are reported as cdktf warnings and synth succeeds
   */
  readonly failOnWarnings?: boolean;
  /**
   * A folder, relative to the project (the folder `cdktf synth` runs in), where the
   * construct also writes PLAN.md and plan.json (only those two, the same bytes as in the
   * asset folder), so they can be committed and reviewed in a pull request. Must be a
   * relative path without `..`.
   * @default - the review files are only in the asset folder under cdktf.out
   */
  readonly reviewOutputDir?: string;
  /**
   * Whether the certificate enabled for SMTP becomes the server's default SMTP certificate
   * (`Enable-ExchangeCertificate -Services SMTP -Force`), which internal transport (TLS
   * between Exchange servers) then uses. `false` keeps the default one (normally Exchange's
   * self-signed certificate, which Microsoft recommends keeping): the script enables the new
   * certificate for SMTP (clients and other mail servers get it by name) and then makes the
   * previous default certificate the default again.
   * @default true; false when `hybrid` is set (internal transport keeps the self-signed certificate, the hybrid connectors pin the public one)
   */
  readonly replaceDefaultSmtpCertificate?: boolean;
  /**
   * Leave Outlook Anywhere's client authentication (NTLM by default here) and SSL offloading
   * as the server has them: the scripts then set only its host names and Require SSL. Choose
   * it where a load balancer offloads TLS or Kerberos (Negotiate) is set up on purpose.
   * @default false
   */
  readonly leaveOutlookAnywhereSecurity?: boolean;
  /**
   * The organisation runs in hybrid with Exchange Online: the scripts re-pin the hybrid
   * connectors and the hybrid configuration on the new certificate when its issuer or subject
   * changed, emit a script for Exchange Online PowerShell, and plan the Auth certificate's
   * rotation. `{}` is enough; the scripts find what is not declared. Not for Exchange 2007.
   * @default - not declared (the scripts still look for a hybrid configuration on the server)
   */
  readonly hybrid?: HybridProps;
}
