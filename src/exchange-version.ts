import { ExchangeService } from './exchange-service';

/**
 * An Exchange Server release. Each carries what the plan needs to know about it:
 * which services a certificate can be enabled for, which client endpoints exist,
 * and when Microsoft's support for it ended.
 *
 * The PowerShell cmdlets and parameters per version live in
 * `powershell/version-table.ts`; this class only holds facts the plan model uses.
 */
export class ExchangeVersion {
  /** Exchange Server 2007 (IIS 6 or 7, `Enable-OutlookAnywhere`, no ECP, no MAPI/HTTP). */
  public static readonly EXCHANGE_2007 = new ExchangeVersion('2007', 2007, {
    services: [ExchangeService.IIS, ExchangeService.SMTP, ExchangeService.POP, ExchangeService.IMAP, ExchangeService.UM],
    hasEcp: false,
    hasMapiHttp: false,
    supportEnded: '2017-04-11',
  });
  /** Exchange Server 2010 (adds ECP and the Federation service). */
  public static readonly EXCHANGE_2010 = new ExchangeVersion('2010', 2010, {
    services: [ExchangeService.IIS, ExchangeService.SMTP, ExchangeService.POP, ExchangeService.IMAP, ExchangeService.UM, ExchangeService.FEDERATION],
    hasEcp: true,
    hasMapiHttp: false,
    supportEnded: '2020-10-13',
  });
  /** Exchange Server 2013 (adds UMCallRouter and MAPI over HTTP from SP1). */
  public static readonly EXCHANGE_2013 = new ExchangeVersion('2013', 2013, {
    services: [ExchangeService.IIS, ExchangeService.SMTP, ExchangeService.POP, ExchangeService.IMAP, ExchangeService.UM, ExchangeService.UM_CALL_ROUTER, ExchangeService.FEDERATION],
    hasEcp: true,
    hasMapiHttp: true,
    supportEnded: '2023-04-11',
  });
  /** Exchange Server 2016 (`Set-ClientAccessService`). */
  public static readonly EXCHANGE_2016 = new ExchangeVersion('2016', 2016, {
    services: [ExchangeService.IIS, ExchangeService.SMTP, ExchangeService.POP, ExchangeService.IMAP, ExchangeService.UM, ExchangeService.UM_CALL_ROUTER, ExchangeService.FEDERATION],
    hasEcp: true,
    hasMapiHttp: true,
    supportEnded: '2025-10-14',
  });
  /** Exchange Server 2019 (no Unified Messaging; Extended Protection on from CU14). */
  public static readonly EXCHANGE_2019 = new ExchangeVersion('2019', 2019, {
    services: [ExchangeService.IIS, ExchangeService.SMTP, ExchangeService.POP, ExchangeService.IMAP, ExchangeService.FEDERATION],
    hasEcp: true,
    hasMapiHttp: true,
    supportEnded: '2025-10-14',
  });
  /** Exchange Server Subscription Edition (the 2019 cmdlet set, no Unified Messaging). */
  public static readonly EXCHANGE_SE = new ExchangeVersion('SE', 2025, {
    services: [ExchangeService.IIS, ExchangeService.SMTP, ExchangeService.POP, ExchangeService.IMAP, ExchangeService.FEDERATION],
    hasEcp: true,
    hasMapiHttp: true,
  });

  /** Every version, oldest first. */
  public static readonly ALL: readonly ExchangeVersion[] = [
    ExchangeVersion.EXCHANGE_2007,
    ExchangeVersion.EXCHANGE_2010,
    ExchangeVersion.EXCHANGE_2013,
    ExchangeVersion.EXCHANGE_2016,
    ExchangeVersion.EXCHANGE_2019,
    ExchangeVersion.EXCHANGE_SE,
  ];

  /** Looks a version up by its name ('2007' ... '2019', 'SE'). */
  public static of(name: string): ExchangeVersion {
    const found = ExchangeVersion.ALL.find((v) => v.name.toLowerCase() === String(name).toLowerCase());
    if (!found) {
      throw new Error(`Unknown Exchange version '${name}': use one of ${ExchangeVersion.ALL.map((v) => v.name).join(', ')}`);
    }
    return found;
  }

  /** Services `Enable-ExchangeCertificate -Services` accepts on this version. */
  public readonly services: readonly ExchangeService[];
  /** Whether the Exchange Control Panel virtual directory exists (2010 and later). */
  public readonly hasEcp: boolean;
  /** Whether MAPI over HTTP exists (`Set-MapiVirtualDirectory`, 2013 SP1 and later). */
  public readonly hasMapiHttp: boolean;
  /** The date Microsoft's extended support ended, when it has. */
  public readonly supportEnded?: string;

  private constructor(
    /** '2007', '2010', '2013', '2016', '2019' or 'SE'. */
    public readonly name: string,
    /** A number that orders the versions (SE counts as 2025). */
    public readonly order: number,
    facts: { services: ExchangeService[]; hasEcp: boolean; hasMapiHttp: boolean; supportEnded?: string },
  ) {
    this.services = facts.services;
    this.hasEcp = facts.hasEcp;
    this.hasMapiHttp = facts.hasMapiHttp;
    this.supportEnded = facts.supportEnded;
  }

  /** 'Exchange Server 2019', 'Exchange Server SE'. */
  public get displayName(): string {
    return this.name === 'SE' ? 'Exchange Server Subscription Edition' : `Exchange Server ${this.name}`;
  }

  /** True when this version is the given one or newer. */
  public atLeast(other: ExchangeVersion): boolean {
    return this.order >= other.order;
  }

  public toString(): string {
    return this.name;
  }

  public toJSON(): string {
    return this.name;
  }
}
