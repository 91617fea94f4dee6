import { rememberOptions } from './model/given-options';

/** Options of `CertificateIssuer.acm()`. */
export interface AcmIssuerOptions {
  /**
   * The account's ACM quota of names per certificate. ACM allows 10 by default; the quota
   * can be raised to at most 100.
   * @default 10
   * @see https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html
   */
  readonly maxNamesPerCertificate?: number;
  /**
   * Names whose ACM validation CNAME is already in the hosted zone, made outside this stack
   * (typically for another ACM certificate of the account with the same name, which uses
   * the same record). The plan does not create, change or delete those records; ACM
   * validates with them as they are. Without this, an apply that finds such a record stops
   * ("Tried to create resource record set ... but it already exists") and changes nothing.
   * @default - none: the plan creates every validation record and deletes them on destroy
   */
  readonly existingValidationRecords?: readonly string[];
  /**
   * ARNs of load balancer listeners (HTTPS/TLS) that serve the certificates, as
   * `aws_lb_listener_certificate` in this stack. When a name change replaces a certificate,
   * Terraform attaches the new one to each listener before it detaches and deletes the old
   * one, so a listener never serves a deleted certificate and the delete never fails with
   * ResourceInUse. A listener whose default certificate is set outside this stack keeps it:
   * point that default at a certificate outside the plan.
   * @default - none: attach `certificate_<id>_arn` yourself, and expect a name change to need
   *   a two-step cut-over (attach the new ARN, then apply the removal of the old)
   */
  readonly listenerArns?: readonly string[];
}

/** Options of `CertificateIssuer.publicCa()`. */
export interface PublicCaOptions {
  /**
   * The CA's CAA issuer domain (for example 'digicert.com', 'sectigo.com',
   * 'letsencrypt.org'). When set, CAA records at the certificate's names allow only this CA.
   * @default - no CAA records
   */
  readonly caaIdentifier?: string;
  /**
   * A name for the CA used in documents and scripts.
   * @default - the CAA identifier, or 'public CA'
   */
  readonly name?: string;
  /**
   * Lifetime the certificate is ordered with, in days.
   * @default - the CA/Browser Forum maximum in force on the planned issue date
   */
  readonly validityDays?: number;
}

/** Options of `CertificateIssuer.acmPrivateCa()`. */
export interface AcmPrivateCaOptions {
  /** ARN of the ACM Private CA that signs the request (`aws_acmpca_certificate`). */
  readonly certificateAuthorityArn: string;
  /**
   * Lifetime of the issued certificate in days.
   * @default 365
   */
  readonly validityDays?: number;
  /**
   * Algorithm the CA signs with.
   * @default 'SHA256WITHRSA'
   */
  readonly signingAlgorithm?: 'SHA256WITHRSA' | 'SHA384WITHRSA' | 'SHA512WITHRSA';
  /**
   * Issuances that stay valid after their certificate got a new request, as the output
   * `certificate_<id>_issuance` and PLAN.md name them (`'exchange@1a2b3c4d'`).
   *
   * Each request ACM Private CA signs is its own issuance, and Terraform revokes an
   * issuance it deletes. Before you apply a new request (renewal, new key, new names), add
   * the issuance in service here: the apply then issues the new certificate and keeps the
   * old one valid while the servers import the new one. Remove it from the list once every
   * server runs the new certificate: that apply revokes it. An issuance that is neither
   * current nor listed is revoked by the next apply.
   * @default - none: only the current request's issuance is kept
   */
  readonly retainedIssuances?: readonly string[];
}

/** Options of `CertificateIssuer.enterpriseCa()`. */
export interface EnterpriseCaOptions {
  /** The CA's `certreq -config` string, `<CA host FQDN>\<CA common name>`. */
  readonly caConfig: string;
  /**
   * Certificate template name (not display name) the request is submitted with.
   * @default 'WebServer'
   */
  readonly template?: string;
  /**
   * Lifetime the template issues, in days, for the plan's renewal dates.
   * @default 730 (the Web Server template's two years)
   */
  readonly validityDays?: number;
  /**
   * Devices that are not domain members and must be given the CA's root certificate by
   * hand (phones, home computers, partner machines), listed in the plan.
   * @default - the plan lists the usual kinds of device
   */
  readonly nonDomainClients?: readonly string[];
}

/** The kinds of issuer a plan can use. */
export type CertificateIssuerKind = 'acm' | 'publicCa' | 'acmPrivateCa' | 'enterpriseCa';

/** Who signs the certificates, and so which rules apply to them. */
export class CertificateIssuer {
  /**
   * AWS Certificate Manager public certificates with DNS validation. With provider 5.100.0
   * they cannot be exported: they serve an AWS load balancer in front of Exchange.
   */
  public static acm(options: AcmIssuerOptions = {}): CertificateIssuer {
    return rememberOptions(new CertificateIssuer('acm', {
      publiclyTrusted: true,
      caaIdentifier: 'amazon.com',
      displayName: 'AWS Certificate Manager',
      maxNamesPerCertificate: options.maxNamesPerCertificate ?? 10,
      acm: options,
    }), 'acm', options);
  }

  /** A commercial public CA that signs a request made on the Exchange server. */
  public static publicCa(options: PublicCaOptions = {}): CertificateIssuer {
    return rememberOptions(new CertificateIssuer('publicCa', {
      publiclyTrusted: true,
      caaIdentifier: options.caaIdentifier,
      displayName: options.name ?? options.caaIdentifier ?? 'public CA',
      validityDays: options.validityDays,
    }), 'publicCa', options);
  }

  /** An ACM Private CA that signs the request through `aws_acmpca_certificate`. */
  public static acmPrivateCa(options: AcmPrivateCaOptions): CertificateIssuer {
    return rememberOptions(new CertificateIssuer('acmPrivateCa', {
      publiclyTrusted: false,
      displayName: 'ACM Private CA',
      validityDays: options.validityDays ?? 365,
      acmPrivateCa: options,
    }), 'acmPrivateCa', options);
  }

  /** The organisation's own Active Directory Certificate Services CA. */
  public static enterpriseCa(options: EnterpriseCaOptions): CertificateIssuer {
    return rememberOptions(new CertificateIssuer('enterpriseCa', {
      publiclyTrusted: false,
      displayName: `enterprise CA ${options.caConfig}`,
      validityDays: options.validityDays ?? 730,
      enterpriseCa: options,
    }), 'enterpriseCa', options);
  }

  /** Whether browsers and phones trust it out of the box (CA/Browser Forum rules apply). */
  public readonly publiclyTrusted: boolean;
  /** CAA issuer domain, when the issuer has one. */
  public readonly caaIdentifier?: string;
  /** A human name for documents. */
  public readonly displayName: string;
  /** Most names one certificate may carry, when the issuer limits it. */
  public readonly maxNamesPerCertificate?: number;
  /** Planned lifetime in days, when fixed by the issuer or its options. */
  public readonly validityDays?: number;
  /** Options of `acm()`. */
  public readonly acmOptions?: AcmIssuerOptions;
  /** Options of `acmPrivateCa()`. */
  public readonly acmPrivateCaOptions?: AcmPrivateCaOptions;
  /** Options of `enterpriseCa()`. */
  public readonly enterpriseCaOptions?: EnterpriseCaOptions;

  private constructor(
    /** Which issuer this is. */
    public readonly kind: CertificateIssuerKind,
    facts: {
      publiclyTrusted: boolean;
      caaIdentifier?: string;
      displayName: string;
      maxNamesPerCertificate?: number;
      validityDays?: number;
      acm?: AcmIssuerOptions;
      acmPrivateCa?: AcmPrivateCaOptions;
      enterpriseCa?: EnterpriseCaOptions;
    },
  ) {
    this.publiclyTrusted = facts.publiclyTrusted;
    this.caaIdentifier = facts.caaIdentifier;
    this.displayName = facts.displayName;
    this.maxNamesPerCertificate = facts.maxNamesPerCertificate;
    this.validityDays = facts.validityDays;
    this.acmOptions = facts.acm;
    this.acmPrivateCaOptions = facts.acmPrivateCa;
    this.enterpriseCaOptions = facts.enterpriseCa;
  }
}
