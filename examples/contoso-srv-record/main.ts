/**
 * The later single-name layout: one certificate for mail.contoso.com, and the DNS SRV
 * record _autodiscover._tcp.contoso.com -> 0 0 443 mail.contoso.com, so no autodiscover
 * name is needed (Outlook 2007 with the June 2007 rollup and later; Exchange 2007, SERVER01).
 *
 *   npx cdktf synth    # cdktf.out/stacks/contoso-srv-record/
 *   npx cdktf diff
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
// In your own project: import { ... } from 'cdktf-exchange-certificates';
import { CertificateIssuer, CertificateStrategy, ExchangeCertificatePlan, ExchangeService, ExchangeVersion } from '../../src';

export class ContosoSrvRecordStack extends TerraformStack {
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
      strategy: CertificateStrategy.srvRecord(),
      issuer: CertificateIssuer.publicCa({ caaIdentifier: 'digicert.com', name: 'DigiCert' }),
      services: [ExchangeService.IIS, ExchangeService.SMTP],
      hostedZones: { 'contoso.com': 'Z0123456789ABCDEFGHIJ' },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new ContosoSrvRecordStack(app, 'contoso-srv-record');
  app.synth();
}
