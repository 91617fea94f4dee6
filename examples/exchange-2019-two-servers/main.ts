/**
 * A modern deployment: Exchange 2019 on EX01 and EX02 behind one public address (a
 * reverse proxy that bridges TLS with the same certificate, as Extended Protection needs),
 * two email domains (contoso.com and fabrikam.com), one SAN certificate from a public CA,
 * exported as a PFX for the proxy.
 *
 *   npx cdktf synth    # cdktf.out/stacks/exchange-2019-two-servers/
 *   npx cdktf diff
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
// In your own project: import { ... } from 'cdktf-exchange-certificates';
import { CertificateIssuer, CertificateStrategy, ExchangeCertificatePlan, ExchangeService, ExchangeVersion } from '../../src';

export class Exchange2019TwoServersStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    new AwsProvider(this, 'aws', { region: 'us-east-1' });

    new ExchangeCertificatePlan(this, 'contoso', {
      exchangeVersion: ExchangeVersion.EXCHANGE_2019,
      organization: { name: 'Contoso Ltd', country: 'GB', locality: 'London' },
      emailDomain: 'contoso.com',
      additionalEmailDomains: ['fabrikam.com'],
      internalDomain: 'corp.contoso.com',
      servers: [
        { name: 'EX01', fqdn: 'ex01.corp.contoso.com', ipv4: '10.0.1.21' },
        { name: 'EX02', fqdn: 'ex02.corp.contoso.com', ipv4: '10.0.1.22' },
      ],
      publicIpv4: ['198.51.100.25'],
      publicIpv6: ['2001:db8:25::25'],
      strategy: CertificateStrategy.sanCertificate(),
      issuer: CertificateIssuer.publicCa({ caaIdentifier: 'sectigo.com', name: 'Sectigo' }),
      services: [ExchangeService.IIS, ExchangeService.SMTP],
      hostedZones: { 'contoso.com': 'Z0123456789ABCDEFGHIJ', 'fabrikam.com': 'Z0987654321JIHGFEDCBA' },
      exportPfxForReverseProxy: true,
      plannedIssueDate: '2026-12-01',
    });
  }
}

if (require.main === module) {
  const app = new App();
  new Exchange2019TwoServersStack(app, 'exchange-2019-two-servers');
  app.synth();
}
