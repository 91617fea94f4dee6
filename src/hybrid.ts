/**
 * Props of a hybrid organisation (Exchange on-premises with Exchange Online): what an admin
 * knows about the hybrid setup. Everything is optional; the scripts find on the server what
 * is not declared (`Get-HybridConfiguration`, connectors whose `TlsCertificateName` names the
 * certificate being replaced), so a connector left out cannot break mail flow.
 */

/** An Edge Transport server subscribed to the organisation (hybrid mail may flow through it). */
export interface EdgeServerInfo {
  /** NetBIOS name, for example 'EDGE01'. */
  readonly name: string;
  /** Fully qualified name, for example 'edge01.contoso.com'. */
  readonly fqdn: string;
}

/**
 * The Exchange Auth (OAuth) certificate as `Get-AuthConfig` and `Get-ExchangeCertificate`
 * show it: self-signed, "Microsoft Exchange Server Auth Certificate", separate from the
 * certificates of the plan. Its rotation is planned on its own date.
 */
export interface AuthCertificateInfo {
  /**
   * Thumbprint of the current Auth certificate (`Get-AuthConfig` CurrentCertificateThumbprint),
   * 40 hexadecimal digits.
   * @default - the scripts read it from `Get-AuthConfig`
   */
  readonly thumbprint?: string;
  /**
   * The day it expires (its NotAfter), YYYY-MM-DD.
   * @default - the scripts read it; the plan then gives no rotation date
   */
  readonly notAfter?: string;
  /**
   * The day to start the rotation (YYYY-MM-DD): the first of two runs at least 48 hours
   * apart (new certificate with a future effective date, then publish and clear the previous).
   * @default 60 days before `notAfter` when that is given
   */
  readonly rotationDate?: string;
}

/**
 * Exchange Online's side of hybrid mail flow, as the Hybrid Configuration Wizard set it up.
 * Changed only from Exchange Online PowerShell (a separate script).
 */
export interface ExchangeOnlineConnectorInfo {
  /**
   * The tenant's inbound connector from the on-premises organisation (the wizard names it
   * "Inbound from <guid>"); its `TlsSenderCertificateName` names the certificate.
   * @default - the Exchange Online script finds the inbound connector of type OnPremises
   */
  readonly inboundConnector?: string;
  /**
   * The tenant's outbound connector to the on-premises organisation (the wizard names it
   * "Outbound to <guid>"); its `TlsDomain` names the certificate.
   * @default - the Exchange Online script finds the outbound connector of type OnPremises
   */
  readonly outboundConnector?: string;
  /**
   * The certificate name those connectors expect today (`TlsSenderCertificateName`, for
   * example 'mail.contoso.com'), so the plan can say whether the Exchange Online side must
   * change at this step.
   * @default - unknown: the plan says to run the Exchange Online script, which changes only what differs
   */
  readonly currentCertificateName?: string;
}

/** A hybrid organisation: `hybrid: {}` says so; the rest narrows down what the scripts would find. */
export interface HybridProps {
  /**
   * On-premises Send connectors that pin the SMTP certificate (`TlsCertificateName`), by name,
   * for example 'Outbound to Office 365 - 0f1e2d3c-...'.
   * @default - found on the server: the wizard's "Outbound to Office 365" connector and any Send connector pinning the certificate being replaced
   */
  readonly sendConnectors?: readonly string[];
  /**
   * Receive connectors that take mail from Exchange Online, by identity
   * 'SERVER\Connector name', for example 'SERVER01\Default Frontend SERVER01'. The server part
   * must be one of `servers` or `edgeServers`.
   * @default - found on each server: every Receive connector pinning the certificate being replaced
   */
  readonly receiveConnectors?: readonly string[];
  /**
   * Edge Transport servers subscribed to the organisation. A certificate change on an Edge
   * server needs a new Edge subscription.
   * @default - none
   */
  readonly edgeServers?: readonly EdgeServerInfo[];
  /**
   * What is known about the Exchange Auth certificate (Exchange 2013 and later).
   * @default - the scripts read it from `Get-AuthConfig`
   */
  readonly authCertificate?: AuthCertificateInfo;
  /**
   * Exchange Online's connectors with the on-premises organisation.
   * @default - the Exchange Online script finds them
   */
  readonly exchangeOnline?: ExchangeOnlineConnectorInfo;
}
