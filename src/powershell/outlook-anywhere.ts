/**
 * The Outlook Anywhere settings the client URLs script sets on 2013 and later, and the
 * verify script compares: the host names and Require SSL always; client authentication and
 * SSL offloading unless the plan leaves them alone (`leaveOutlookAnywhereSecurity`).
 */
import { ClientEndpoint, ExchangePlan } from '../model/types';
import { OUTLOOK_ANYWHERE_AUTH } from './client-urls';
import { psQuote } from './quote';

export interface OutlookAnywhereSetting {
  /** Set-OutlookAnywhere parameter and Get-OutlookAnywhere property. */
  readonly property: string;
  /** PowerShell code of the value passed. */
  readonly value: string;
  /** The value as the server shows it. */
  readonly text: string;
  /** Label for messages. */
  readonly label: string;
}

export function outlookAnywhereSettings(plan: ExchangePlan, oa: ClientEndpoint): OutlookAnywhereSetting[] {
  const text = (property: string, label: string, value: string): OutlookAnywhereSetting => ({ property, value: psQuote(value), text: value, label });
  const bool = (property: string, label: string, value: boolean): OutlookAnywhereSetting => ({ property, value: value ? '$true' : '$false', text: value ? 'True' : 'False', label });
  const out = [
    text('ExternalHostname', 'external host name', oa.externalHostname ?? ''),
    text('InternalHostname', 'internal host name', oa.internalHostname ?? ''),
    bool('ExternalClientsRequireSsl', 'external clients require SSL', true),
    bool('InternalClientsRequireSsl', 'internal clients require SSL', true),
  ];
  if (plan.serverSettings.leaveOutlookAnywhereSecurity) return out;
  return [
    ...out,
    text('ExternalClientAuthenticationMethod', 'external client authentication', OUTLOOK_ANYWHERE_AUTH),
    text('InternalClientAuthenticationMethod', 'internal client authentication', OUTLOOK_ANYWHERE_AUTH),
    // From 2016 SSLOffloading defaults to $true, which turns Require SSL off on /rpc; $false
    // (TLS to the server, as Microsoft's 2016 example pairs with both RequireSsl $true).
    bool('SSLOffloading', 'SSL offloading', false),
  ];
}
