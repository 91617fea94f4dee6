/**
 * The plan model: everything the renderers (Terraform, PowerShell, review document) need,
 * computed from the props by `buildPlan()`. Pure data, no cdktf import; every array is in
 * a stable order so rendered output is deterministic.
 */
import { CertificateRequestKind } from '../certificate-request';
import { ExchangeService } from '../exchange-service';
import { ExchangeVersion } from '../exchange-version';
import { CertificateIssuerKind } from '../issuer';
import { RootDomainResponderKind } from '../props';
import { CertificateStrategyKind } from '../strategy';
import { PlannedHybrid } from './hybrid-types';

export * from './hybrid-types';

/** Subject fields of a request, as the CA will see them. */
export interface PlannedSubject {
  readonly commonName: string;
  readonly organization: string;
  readonly organizationalUnit?: string;
  readonly locality?: string;
  readonly state?: string;
  readonly country: string;
}

/** Where a certificate is bound on a server. */
export interface PlannedBinding {
  /** Server NetBIOS name as in the props. */
  readonly server: string;
  /** IIS web site, 'Default Web Site' or the second site of `twoCertificates`. */
  readonly webSite: string;
  /** Address the site listens on; undefined means all unassigned addresses. */
  readonly ipAddress?: string;
  /** Whether the site is created by the scripts (the second Autodiscover site). */
  readonly createsWebSite: boolean;
}

/** One planned certificate. */
export interface PlannedCertificate {
  /** Stable id: 'exchange' (single or SAN certificate), 'mail' and 'autodiscover' (twoCertificates). */
  readonly id: string;
  /** Friendly name in the server's certificate store (< 64 characters). */
  readonly friendlyName: string;
  readonly subject: PlannedSubject;
  /** The subject as `New-ExchangeCertificate -SubjectName` takes it: 'C=US, O=Contoso Inc, CN=mail.contoso.com'. */
  readonly subjectName: string;
  /** Every name, lower case, punycode, the CN first. */
  readonly names: readonly string[];
  /** Names clients reach through public DNS (the plan publishes them). */
  readonly publicNames: readonly string[];
  /** Names only resolvable inside: the internal domain, server FQDNs and NetBIOS names (never published). */
  readonly internalNames: readonly string[];
  readonly keySize: number;
  /** Whether the key must be exportable (several servers, a PFX for a proxy). */
  readonly privateKeyExportable: boolean;
  /** Services `Enable-ExchangeCertificate` binds it to (empty: bound by IIS tooling only). */
  readonly services: readonly ExchangeService[];
  /** IIS bindings on each server. */
  readonly bindings: readonly PlannedBinding[];
  /** Where the request comes from. */
  readonly requestSource: PlannedRequestSource;
  /**
   * Planned lifetime in days: the issuer's (ACM, private CAs, publicCa validityDays), or for
   * publicCa without validityDays the CA/B Forum limit on plannedIssueDate; undefined when
   * neither is known.
   */
  readonly validityDays?: number;
  /** Renew this many days before expiry. */
  readonly renewBeforeDays: number;
  /** Dates, when `plannedIssueDate` was given. */
  readonly issueDate?: string;
  readonly expiryDate?: string;
  readonly renewalDate?: string;
  /** Whether the certificate is exported as a PFX for a reverse proxy. */
  readonly exportPfx: boolean;
}

/** How a certificate's CSR is obtained. */
export interface PlannedRequestSource {
  readonly kind: CertificateRequestKind;
  /** CSR file for 'fromFile'. */
  readonly path?: string;
  /** Key file for 'generateLocally' (outside the output; never read into the plan). */
  readonly privateKeyPath?: string;
  /** 'generateLocally': committed file holding the request made with the key. */
  readonly requestRecordPath?: string;
  /** 'generateLocally': a recorded key may be replaced by a new one. */
  readonly allowNewKey?: boolean;
}

export type DnsRecordType = 'A' | 'AAAA' | 'SRV' | 'CAA';

/** One external DNS record set the plan creates. */
export interface PlannedDnsRecord {
  /** Stable id, unique in the plan, safe for Terraform names: 'a_mail_contoso_com'. */
  readonly id: string;
  /** Name of the hosted zone (longest matching suffix). */
  readonly zoneName: string;
  /** Route53 hosted zone id. */
  readonly zoneId: string;
  /** Fully qualified record name, no trailing dot. */
  readonly name: string;
  readonly type: DnsRecordType;
  readonly ttl: number;
  /** Values in Route53 form: '203.0.113.10', '0 0 443 mail.contoso.com', '0 issue "amazon.com"'. */
  readonly values: readonly string[];
  /** One line for reviewers: why this record exists. */
  readonly purpose: string;
}

/** A domain-control check the CA makes before issuing (public issuers only). */
export interface PlannedDomainValidation {
  /** For ACM: the certificate the validation record belongs to. */
  readonly certificateId?: string;
  /** The name (ACM) or authorization domain (other CAs) being validated. */
  readonly domain: string;
  /** ACM: the domain_name ACM lists the record under (the apex, or the wildcard when its apex is not on the certificate). */
  readonly lookupName?: string;
  /** Hosted zone the record goes in. */
  readonly zoneName: string;
  /** ACM: the zone id and TTL of the validation record Terraform creates. */
  readonly zoneId?: string;
  readonly ttl?: number;
  /** The record the CA asks for, with the CA's parts as placeholders. */
  readonly record: string;
  /** 'plan': Terraform creates it; 'admin': the admin adds the CA's value by hand. */
  readonly madeBy: 'plan' | 'admin';
  readonly note: string;
}

/** A record that belongs in the internal (split-DNS) zone, which the plan cannot create. */
export interface InternalDnsRecord {
  readonly name: string;
  readonly type: 'A';
  /** Internal address, when the server's `ipv4` was given. */
  readonly value?: string;
  readonly purpose: string;
}

export type ClientService = 'OWA' | 'ECP' | 'EWS' | 'OAB' | 'ActiveSync' | 'OutlookAnywhere' | 'MAPI' | 'Autodiscover';

/** A client-facing URL (or host name, for Outlook Anywhere) on one server. */
export interface ClientEndpoint {
  readonly server: string;
  readonly service: ClientService;
  /** Full URL (Outlook Anywhere: https://host/rpc/rpcproxy.dll). */
  readonly internalUrl: string;
  /**
   * Full URL for external clients. For Autodiscover it is where external Outlook finds the
   * service for the primary domain by DNS (the autodiscover host or the SRV target), which
   * nothing on the server sets.
   */
  readonly externalUrl?: string;
  readonly internalHostname: string;
  readonly externalHostname?: string;
}

export type FindingSeverity = 'error' | 'warning' | 'info';

/** A verdict of a plan rule (see `model/rules`). */
export interface Finding {
  /** Stable id, for example 'EXC-INTERNAL-NAMES'. */
  readonly id: string;
  readonly severity: FindingSeverity;
  /** One sentence: what is wrong or worth knowing. */
  readonly message: string;
  /** What to do about it. */
  readonly remedy: string;
  /** The prop the finding is about, when there is one. */
  readonly prop?: string;
}

/** An email domain and how Outlook finds Autodiscover for it. */
export interface PlannedEmailDomain {
  readonly domain: string;
  readonly primary: boolean;
  /** How external Outlook reaches Autodiscover for this domain in the plan. */
  readonly autodiscover: 'autodiscoverHost' | 'srv' | 'none';
  /** The autodiscover host for this domain, when the plan covers it by name. */
  readonly autodiscoverHostname?: string;
  /** SRV target, when covered by SRV. */
  readonly srvTarget?: string;
  /** What answers https://<domain>/, when declared. */
  readonly rootDomainResponder?: RootDomainResponderKind;
}

/** A public host name and where it points. */
export interface PublicHostname {
  readonly name: string;
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
  /** IIS web site that answers there. */
  readonly webSite: string;
  /** Certificate id served there. */
  readonly certificateId: string;
}

/** The inputs as normalised, kept for the review document. */
export interface PlanInputs {
  readonly exchangeVersion: string;
  readonly strategy: CertificateStrategyKind;
  readonly issuer: CertificateIssuerKind;
  readonly organization: { name: string; country: string; state?: string; locality?: string; organizationalUnit?: string };
  readonly emailDomain: string;
  readonly additionalEmailDomains: readonly string[];
  readonly externalHostname: string;
  readonly autodiscoverHostname: string;
  readonly additionalNames: readonly string[];
  readonly internalDomain?: string;
  readonly servers: readonly { name: string; fqdn: string; ipv4?: string }[];
  readonly publicIpv4: readonly string[];
  readonly publicIpv6: readonly string[];
  readonly services: readonly ExchangeService[];
  readonly keySize: number;
  readonly includeInternalNames: boolean;
  readonly hostedZones: Readonly<Record<string, string>>;
  readonly dnsTtl: number;
  readonly caaRecords: boolean;
  /** CAA issuer domains the CAA records allow, the issuer's first (empty without CAA records). */
  readonly caaIdentifiers: readonly string[];
  readonly plannedIssueDate?: string;
  readonly exportPfxForReverseProxy: boolean;
}

/** Issuer facts the renderers need. */
export interface PlannedIssuer {
  readonly kind: CertificateIssuerKind;
  readonly displayName: string;
  readonly publiclyTrusted: boolean;
  readonly caaIdentifier?: string;
  readonly maxNamesPerCertificate?: number;
  /** acmPrivateCa */
  readonly certificateAuthorityArn?: string;
  readonly signingAlgorithm?: string;
  /** enterpriseCa */
  readonly caConfig?: string;
  readonly template?: string;
  readonly nonDomainClients?: readonly string[];
}

/** The whole plan. */
export interface ExchangePlan {
  /** The version object (renderers look up cmdlets by `exchangeVersion.name`). */
  readonly exchangeVersion: ExchangeVersion;
  readonly strategy: CertificateStrategyKind;
  readonly issuer: PlannedIssuer;
  readonly emailDomains: readonly PlannedEmailDomain[];
  /** Host name of OWA, EWS, ActiveSync, Outlook Anywhere, MAPI for external clients. */
  readonly externalHostname: string;
  /** Host name external Outlook tries for Autodiscover (may be unpublished with srvRecord). */
  readonly autodiscoverHostname: string;
  /** Host name of the internal URLs and the SCP. */
  readonly internalHostname: string;
  /** Internal host name per server (its FQDN when internal names are on the certificate). */
  readonly internalHostnames: Readonly<Record<string, string>>;
  readonly servers: readonly { name: string; fqdn: string; ipv4?: string }[];
  readonly certificates: readonly PlannedCertificate[];
  readonly dnsRecords: readonly PlannedDnsRecord[];
  readonly internalDnsRecords: readonly InternalDnsRecord[];
  /** Domain-control validation the CA will ask for (empty for private CAs). */
  readonly domainValidation: readonly PlannedDomainValidation[];
  readonly publicHostnames: readonly PublicHostname[];
  readonly endpoints: readonly ClientEndpoint[];
  /** Warnings and notes (errors are thrown before a plan exists). */
  readonly findings: readonly Finding[];
  readonly inputs: PlanInputs;
  /** Server settings besides the binding that the user chose to keep or let the scripts set. */
  readonly serverSettings: ServerSettingsChoice;
  /** Hybrid with Exchange Online; undefined when the plan is not hybrid. */
  readonly hybrid?: PlannedHybrid;
}

/** What the scripts do to server settings that are not the certificate binding. */
export interface ServerSettingsChoice {
  /** Enable-ExchangeCertificate -Services SMTP -Force makes the certificate the default SMTP certificate (internal transport); false restores the previous default afterwards. */
  readonly replaceDefaultSmtpCertificate: boolean;
  /** Leave Outlook Anywhere client authentication and SSL offloading as they are. */
  readonly leaveOutlookAnywhereSecurity: boolean;
}
