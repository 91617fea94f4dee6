/**
 * The server settings besides the certificate binding that the scripts may change, as the
 * user chose them (`replaceDefaultSmtpCertificate`, `leaveOutlookAnywhereSecurity`).
 */
import { ExchangeCertificatePlanProps } from '../props';
import { PlanInputError } from './errors';
import { ServerSettingsChoice } from './types';

function optionalBoolean(prop: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new PlanInputError(prop, value, 'must be true or false.');
  return value;
}

export function serverSettingsChoice(props: ExchangeCertificatePlanProps): ServerSettingsChoice {
  return {
    // Hybrid keeps internal transport on the self-signed certificate; the hybrid connectors pin the public one.
    replaceDefaultSmtpCertificate: optionalBoolean('replaceDefaultSmtpCertificate', props.replaceDefaultSmtpCertificate, props.hybrid === undefined),
    leaveOutlookAnywhereSecurity: optionalBoolean('leaveOutlookAnywhereSecurity', props.leaveOutlookAnywhereSecurity, false),
  };
}
