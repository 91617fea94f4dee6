/**
 * Plans an Exchange expert would flag, made as modified copies of correct plans (plans
 * are plain data), and the seed plans themselves.
 */
import { buildPlan, CertificateStrategy, ExchangePlan } from '../../src';
import { contoso, CONTOSO_ZONE_ID, ContosoStrategy, FABRIKAM_ZONE_ID } from '../fixtures/contoso';

export const SEED_STRATEGIES: readonly ContosoStrategy[] = ['sanCertificate', 'singleName', 'twoCertificates', 'srvRecord'];

/** SAN certificate whose names lost autodiscover.contoso.com. */
export function autodiscoverNameMissing(): ExchangePlan {
  const plan = buildPlan(contoso('sanCertificate'));
  const drop = (names: readonly string[]) => names.filter((n) => n !== 'autodiscover.contoso.com');
  return { ...plan, certificates: plan.certificates.map((c) => ({ ...c, names: drop(c.names), publicNames: drop(c.publicNames) })) };
}

/** Two certificates, but autodiscover.contoso.com answers at the Default Web Site with the mail certificate. */
export function autodiscoverOnWrongSite(): ExchangePlan {
  const plan = buildPlan(contoso('twoCertificates'));
  return {
    ...plan,
    publicHostnames: plan.publicHostnames.map((h) => (h.name === 'autodiscover.contoso.com' ? { ...h, webSite: 'Default Web Site', certificateId: 'mail' } : h)),
  };
}

/** Two certificates, but the autodiscover A record points at the mail address (the Default Web Site). */
export function autodiscoverRecordAtMailAddress(): ExchangePlan {
  const plan = buildPlan(contoso('twoCertificates'));
  return {
    ...plan,
    dnsRecords: plan.dnsRecords.map((r) => (r.name === 'autodiscover.contoso.com' && r.type === 'A' ? { ...r, values: ['203.0.113.10'] } : r)),
  };
}

/** SAN certificate with public names, but the internal URLs and the SCP on server01.contoso.local. */
export function internalUrlsOnServerName(): ExchangePlan {
  const plan = buildPlan(contoso('sanCertificate'));
  return {
    ...plan,
    internalHostname: 'server01.contoso.local',
    internalHostnames: { SERVER01: 'server01.contoso.local' },
    endpoints: plan.endpoints.map((e) => ({
      ...e,
      internalHostname: 'server01.contoso.local',
      internalUrl: e.internalUrl.replace('://mail.contoso.com/', '://server01.contoso.local/'),
    })),
  };
}

/** One name on the certificate, a second email domain, and no SRV record for it. */
export function secondDomainUncovered(): ExchangePlan {
  return buildPlan(
    contoso('singleName', {
      strategy: CertificateStrategy.singleName({ srvForAdditionalDomains: false }),
      additionalEmailDomains: ['fabrikam.com'],
      hostedZones: { 'contoso.com': CONTOSO_ZONE_ID, 'fabrikam.com': FABRIKAM_ZONE_ID },
    }),
  );
}

/** One name on the certificate, a second email domain found through SRV (the default). */
export function secondDomainBySrv(): ExchangePlan {
  return buildPlan(
    contoso('singleName', {
      additionalEmailDomains: ['fabrikam.com'],
      hostedZones: { 'contoso.com': CONTOSO_ZONE_ID, 'fabrikam.com': FABRIKAM_ZONE_ID },
    }),
  );
}
