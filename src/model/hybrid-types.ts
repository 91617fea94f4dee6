/**
 * The hybrid part of the plan model (`ExchangePlan.hybrid`): what the scripts and the review
 * need to keep mail flow with Exchange Online working across this step and every renewal.
 * Pure data; fields are only ever added.
 */

/**
 * How the on-premises side picks the certificate its hybrid connectors present.
 * 'tlsCertificateName' (2013 and later): pinned by `<I>issuer<S>subject` on the connectors
 * and the hybrid configuration. 'connectorFqdn' (2010): chosen by the connector's FQDN, the
 * newest valid matching certificate wins; nothing is pinned.
 */
export type HybridCertificateSelection = 'tlsCertificateName' | 'connectorFqdn';

/**
 * What a step does to a connector or the hybrid configuration.
 * 'repinWhenChanged': set `TlsCertificateName` to the new certificate's `<I>issuer<S>subject`
 * when it differs from the value there (same issuer and subject: no change), then check
 * STARTTLS presents the new certificate. 'nothingPinned' (2010): nothing to set; the
 * connector's FQDN must be on the new certificate and the old one removed or expired.
 */
export type HybridPinChange = 'repinWhenChanged' | 'nothingPinned';

/** One on-premises object that pins (or, on 2010, selects) the hybrid SMTP certificate. */
export interface PlannedHybridConnector {
  readonly kind: 'sendConnector' | 'receiveConnector' | 'hybridConfiguration';
  /** Send connector name; Receive connector identity 'SERVER\Name'; 'HybridConfiguration'. */
  readonly identity: string;
  /** Receive connectors: the server part, upper case as in `servers` / `edgeServers`. */
  readonly server?: string;
  /** Whether that server is an Edge Transport server (a certificate change there needs a new Edge subscription). */
  readonly onEdgeServer: boolean;
  /** 'declared' in the props; 'always' for the hybrid configuration, which every hybrid organisation has. */
  readonly source: 'declared' | 'always';
  /** What the binding step does to it. */
  readonly atThisStep: HybridPinChange;
  /** What each renewal does to it. */
  readonly atRenewal: HybridPinChange;
}

/** What the scripts look for on the server besides the declared connectors. */
export interface PlannedHybridDiscovery {
  /** `Get-HybridConfiguration`: hybrid found on the server even without the prop. */
  readonly hybridConfiguration: boolean;
  /** Every Send connector whose `TlsCertificateName` names the certificate being replaced. */
  readonly sendConnectorsPinningOldCertificate: boolean;
  /** Every Receive connector on the plan's servers whose `TlsCertificateName` names it. */
  readonly receiveConnectorsPinningOldCertificate: boolean;
  /** Name prefix of the wizard's on-premises Send connector ("Outbound to Office 365 - <guid>"). */
  readonly wizardSendConnectorPrefix: string;
}

/** The plan certificate the hybrid connectors present. */
export interface PlannedHybridCertificate {
  /** Id of the plan certificate enabled for SMTP ('exchange', or 'mail' with twoCertificates). */
  readonly certificateId: string;
  /** Its first name (the CN): the name Exchange Online's connectors check. */
  readonly domain: string;
  /**
   * `TlsCertificateName` is `'<I>' + Issuer + '<S>' + Subject` of the issued certificate as
   * Exchange reads it (`Get-ExchangeCertificate`); the script derives it after the import,
   * since a public CA picks the issuing intermediate at issuance.
   */
  readonly tlsCertificateNameFrom: 'issuedCertificate';
  /**
   * The Subject as Exchange will show it ('CN=mail.contoso.com, O=Contoso Inc, C=US'), when
   * the issuer keeps the requested subject (enterprise CA, ACM Private CA); undefined for
   * public CAs, which decide the subject themselves (usually the CN only).
   */
  readonly expectedSubject?: string;
  /** Whether a renewal may come from another issuing intermediate (public CAs rotate them), which is why renewals re-pin. */
  readonly issuerMayChangeAtRenewal: boolean;
}

/** A CA's dated removal of the TLS Client Authentication EKU from its server certificates. */
export interface ClientAuthEkuChange {
  /** The CA, as people know it ('Let's Encrypt'). */
  readonly ca: string;
  /** The day its certificates stop carrying the EKU (YYYY-MM-DD). */
  readonly from: string;
  /** Which certificates: "the default 'classic' ACME profile". */
  readonly scope: string;
  /** The CA's announcement. */
  readonly source: string;
}

/** Which certificate the on-premises side presents when it sends. */
export interface PlannedHybridOutbound {
  /** To Exchange Online: the hybrid Send connector's certificate, this plan's SMTP certificate (its id). */
  readonly toExchangeOnlineCertificateId: string;
  /** To other domains (Send connectors that pin nothing): picked by the connector's FQDN, else the default SMTP certificate. */
  readonly toOtherDomains: 'connectorFqdnOrDefault';
  /** The issuer's dated EKU change, when the plan knows one for it. */
  readonly clientAuthEkuChange?: ClientAuthEkuChange;
  /**
   * When the first certificate without the EKU arrives: 'thisIssue' (plannedIssueDate on or
   * after the change), 'laterRenewal' (before it), 'unknown' (no plannedIssueDate); undefined
   * when no change is known for the issuer.
   */
  readonly clientAuthEkuMissingFrom?: 'thisIssue' | 'laterRenewal' | 'unknown';
}

/** The Exchange Auth (OAuth) certificate and its rotation, planned on its own date. */
export interface PlannedAuthCertificate {
  /** Current thumbprint, when given (the scripts read it either way). */
  readonly thumbprint?: string;
  /** Its expiry (YYYY-MM-DD), when given. */
  readonly notAfter?: string;
  /** The first run of the rotation (YYYY-MM-DD), when known. */
  readonly rotationDate?: string;
  /** 'prop': `authCertificate.rotationDate`; 'beforeExpiry': `notAfter` minus `rotateDaysBeforeExpiry`; 'none': no date known at plan time. */
  readonly rotationDateFrom: 'prop' | 'beforeExpiry' | 'none';
  /** Days before expiry the default rotation date falls. */
  readonly rotateDaysBeforeExpiry: number;
  /** Hours between the first run (new certificate, `Set-AuthConfig -NewCertificateEffectiveDate`) and the second (publish, clear previous). */
  readonly minimumHoursBetweenRuns: number;
}

/** Whether the Exchange Online script has to change anything. */
export type ExchangeOnlineChange = 'change' | 'noChange' | 'runToCheck';

/** Exchange Online's connectors with the on-premises organisation (set from Exchange Online PowerShell). */
export interface PlannedExchangeOnline {
  /** The inbound connector's name, when given; else the script finds the OnPremises inbound connector. */
  readonly inboundConnector?: string;
  /** The outbound connector's name, when given; else the script finds the OnPremises outbound connector. */
  readonly outboundConnector?: string;
  /** The value for the inbound connector's `TlsSenderCertificateName` and the outbound connector's `TlsDomain`: the hybrid certificate's CN. */
  readonly certificateName: string;
  /** What the admin said the connectors expect today. */
  readonly currentCertificateName?: string;
  /** At this step: 'change' when the current name is not on the new certificate, 'noChange' when it is, 'runToCheck' when unknown. */
  readonly atThisStep: ExchangeOnlineChange;
  /** At each renewal: the names stay, so nothing changes. */
  readonly atRenewal: ExchangeOnlineChange;
}

/** An Edge Transport server of the hybrid organisation. */
export interface PlannedEdgeServer {
  readonly name: string;
  readonly fqdn: string;
}

/** Hybrid with Exchange Online (`ExchangePlan.hybrid`, undefined when the plan is not hybrid). */
export interface PlannedHybrid {
  readonly selection: HybridCertificateSelection;
  readonly certificate: PlannedHybridCertificate;
  /** The declared connectors and the hybrid configuration, in code point order of kind then identity. */
  readonly connectors: readonly PlannedHybridConnector[];
  readonly discovery: PlannedHybridDiscovery;
  /** Edge Transport servers, in code point order of name. */
  readonly edgeServers: readonly PlannedEdgeServer[];
  /** Undefined on Exchange 2010, which has no Auth certificate. */
  readonly authCertificate?: PlannedAuthCertificate;
  readonly exchangeOnline: PlannedExchangeOnline;
  readonly outbound: PlannedHybridOutbound;
  /** What this Exchange version means for hybrid certificates (one sentence each). */
  readonly versionNotes: readonly string[];
}
