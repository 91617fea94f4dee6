/**
 * The scaled benchmark plan's props: `domains` email domains with srvRecord(), `servers`
 * Exchange SE servers, one public CA. Shared by the bench programs and the shape tests.
 */
import { CertificateIssuer, CertificateStrategy, ExchangeCertificatePlanProps, ExchangeService, ExchangeVersion } from '../src';

/** 'brand000.example.com', ... in code point order. */
export function scaledDomains(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `brand${String(i).padStart(4, '0')}.example.com`);
}

export function scaledServers(count: number): { name: string; fqdn: string; ipv4: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(3, '0');
    return { name: `EX${n}`, fqdn: `ex${n}.corp.hosting.example.com`, ipv4: `10.0.${2 + Math.floor(i / 250)}.${(i % 250) + 2}` };
  });
}

export function scaledProps(domains: number, servers: number): ExchangeCertificatePlanProps {
  const names = scaledDomains(domains);
  return {
    exchangeVersion: ExchangeVersion.EXCHANGE_SE,
    organization: { name: 'Scaled Hosting Ltd', country: 'GB' },
    emailDomain: names[0],
    additionalEmailDomains: names.slice(1),
    externalHostname: 'mail.hosting.example.com',
    autodiscoverHostname: 'autodiscover.hosting.example.com',
    servers: scaledServers(servers),
    // Routable addresses (nothing is contacted): documentation ranges would add a warning of their own.
    publicIpv4: ['20.10.0.80', '20.10.0.81'],
    strategy: CertificateStrategy.srvRecord(),
    issuer: CertificateIssuer.publicCa({ caaIdentifier: 'sectigo.com' }),
    services: [ExchangeService.IIS, ExchangeService.SMTP],
    hostedZones: { 'example.com': 'Z0123456789ABCDEFGHIJ' },
  };
}
