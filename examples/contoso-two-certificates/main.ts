/**
 * The seed article's Alternative 2: mail.contoso.com on the Default Web Site, and
 * autodiscover.contoso.com on a second IIS web site 'AutoDiscover' with its own public and
 * server address and its own Autodiscover virtual directory (Exchange 2007, SERVER01).
 *
 *   npx cdktf synth    # cdktf.out/stacks/contoso-two-certificates/
 *   npx cdktf diff
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
// In your own project: import { ... } from 'cdktf-exchange-certificates';
import { CertificateIssuer, CertificateStrategy, ExchangeCertificatePlan, ExchangeService, ExchangeVersion } from '../../src';

export class ContosoTwoCertificatesStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    new AwsProvider(this, 'aws', { region: 'us-east-1' });

    new ExchangeCertificatePlan(this, 'contoso', {
      exchangeVersion: ExchangeVersion.EXCHANGE_2007,
      organization: { name: 'Contoso Inc', country: 'US' },
      emailDomain: 'contoso.com',
      internalDomain: 'contoso.local',
      servers: [{ name: 'SERVER01', fqdn: 'server01.contoso.local', ipv4: '192.168.10.11' }],
      publicIpv4: ['203.0.113.10'],
      strategy: CertificateStrategy.twoCertificates({
        autodiscoverPublicIpv4: '203.0.113.11',
        autodiscoverServerIpv4: '192.168.10.12',
        webSiteName: 'AutoDiscover',
      }),
      issuer: CertificateIssuer.publicCa({ caaIdentifier: 'digicert.com', name: 'DigiCert' }),
      services: [ExchangeService.IIS, ExchangeService.SMTP],
      hostedZones: { 'contoso.com': 'Z0123456789ABCDEFGHIJ' },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new ContosoTwoCertificatesStack(app, 'contoso-two-certificates');
  app.synth();
}
