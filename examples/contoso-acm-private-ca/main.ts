/**
 * Contoso with an ACM Private CA: the request made on SERVER01 by the request script
 * (request/contoso-exchange.req, checked against the plan at synth) is signed by
 * aws_acmpca_certificate. A private CA may also sign the internal names, so this plan
 * keeps the seed's full list (contoso.local, server01.contoso.local, server01).
 *
 *   npx cdktf synth    # cdktf.out/stacks/contoso-acm-private-ca/
 *   npx cdktf diff
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
// In your own project: import { ... } from 'cdktf-exchange-certificates';
import { CertificateRequest, CertificateIssuer, CertificateStrategy, ExchangeCertificatePlan, ExchangeService, ExchangeVersion } from '../../src';

export class ContosoAcmPrivateCaStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    new AwsProvider(this, 'aws', { region: 'us-east-1' });

    new ExchangeCertificatePlan(this, 'contoso', {
      exchangeVersion: ExchangeVersion.EXCHANGE_2016,
      organization: { name: 'Contoso Inc', country: 'US' },
      emailDomain: 'contoso.com',
      internalDomain: 'contoso.local',
      servers: [{ name: 'SERVER01', fqdn: 'server01.contoso.local', ipv4: '192.168.10.11' }],
      publicIpv4: ['203.0.113.10'],
      strategy: CertificateStrategy.sanCertificate(),
      issuer: CertificateIssuer.acmPrivateCa({
        certificateAuthorityArn: 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555',
        validityDays: 365,
      }),
      services: [ExchangeService.IIS, ExchangeService.SMTP],
      hostedZones: { 'contoso.com': 'Z0123456789ABCDEFGHIJ' },
      includeInternalNames: true,
      certificateRequest: CertificateRequest.fromFile('request/contoso-exchange.req'),
    });
  }
}

if (require.main === module) {
  const app = new App();
  new ContosoAcmPrivateCaStack(app, 'contoso-acm-private-ca');
  app.synth();
}
