/**
 * Contoso with its own Active Directory CA: the seed's full SAN list, internal names
 * included (a private CA may sign them), submitted with certreq to the enterprise CA, and
 * the CA's root distributed to the clients that must trust it.
 *
 *   npx cdktf synth    # cdktf.out/stacks/contoso-enterprise-ca/
 *   npx cdktf diff
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
// In your own project: import { ... } from 'cdktf-exchange-certificates';
import { CertificateIssuer, CertificateStrategy, ExchangeCertificatePlan, ExchangeService, ExchangeVersion } from '../../src';

export class ContosoEnterpriseCaStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    new AwsProvider(this, 'aws', { region: 'us-east-1' });

    new ExchangeCertificatePlan(this, 'contoso', {
      exchangeVersion: ExchangeVersion.EXCHANGE_2010,
      organization: { name: 'Contoso Inc', country: 'US' },
      emailDomain: 'contoso.com',
      internalDomain: 'contoso.local',
      servers: [{ name: 'SERVER01', fqdn: 'server01.contoso.local', ipv4: '192.168.10.11' }],
      publicIpv4: ['203.0.113.10'],
      strategy: CertificateStrategy.sanCertificate(),
      issuer: CertificateIssuer.enterpriseCa({ caConfig: 'ca01.contoso.local\\Contoso Issuing CA', template: 'WebServer' }),
      services: [ExchangeService.IIS, ExchangeService.SMTP],
      hostedZones: { 'contoso.com': 'Z0123456789ABCDEFGHIJ' },
      includeInternalNames: true,
    });
  }
}

if (require.main === module) {
  const app = new App();
  new ContosoEnterpriseCaStack(app, 'contoso-enterprise-ca');
  app.synth();
}
