/**
 * A service `Enable-ExchangeCertificate -Services` can bind a certificate to.
 * The string values are exactly what the cmdlet accepts.
 */
export enum ExchangeService {
  /** The Default Web Site: OWA, ECP, EWS, OAB, ActiveSync, Outlook Anywhere, MAPI, Autodiscover. */
  IIS = 'IIS',
  /** SMTP transport (STARTTLS for incoming and outgoing mail). */
  SMTP = 'SMTP',
  /** POP3 (enabling a wildcard certificate for it is not supported). */
  POP = 'POP',
  /** IMAP4 (enabling a wildcard certificate for it is not supported). */
  IMAP = 'IMAP',
  /** Unified Messaging (2007 to 2016; removed in 2019). */
  UM = 'UM',
  /** Unified Messaging call router (2013 and 2016). */
  UM_CALL_ROUTER = 'UMCallRouter',
  /** Federation (2010 and later). */
  FEDERATION = 'Federation',
}

/** Every service, in the order scripts and documents list them. */
export const ALL_SERVICES: readonly ExchangeService[] = [
  ExchangeService.IIS,
  ExchangeService.SMTP,
  ExchangeService.POP,
  ExchangeService.IMAP,
  ExchangeService.UM,
  ExchangeService.UM_CALL_ROUTER,
  ExchangeService.FEDERATION,
];
