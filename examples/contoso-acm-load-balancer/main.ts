/**
 * Contoso with an AWS Certificate Manager public certificate for mail and autodiscover,
 * validated through Route53, for a load balancer in front of Exchange SE (the public
 * address is the load balancer's Elastic IP). ACM certificates cannot be exported, so the
 * server keeps its own certificate for the same names (see the plan's findings).
 *
 *   npx cdktf synth    # cdktf.out/stacks/contoso-acm-load-balancer/
 *   npx cdktf diff
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
// In your own project: import { ... } from 'cdktf-exchange-certificates';
import { CertificateIssuer, CertificateStrategy, ExchangeCertificatePlan, ExchangeService, ExchangeVersion } from '../../src';

export class ContosoAcmLoadBalancerStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    new AwsProvider(this, 'aws', { region: 'us-east-1' });

    new ExchangeCertificatePlan(this, 'contoso', {
      exchangeVersion: ExchangeVersion.EXCHANGE_SE,
      organization: { name: 'Contoso Inc', country: 'US' },
      emailDomain: 'contoso.com',
      internalDomain: 'contoso.local',
      servers: [{ name: 'SERVER01', fqdn: 'server01.contoso.local', ipv4: '192.168.10.11' }],
      publicIpv4: ['203.0.113.10'],
      strategy: CertificateStrategy.sanCertificate(),
      issuer: CertificateIssuer.acm(),
      services: [ExchangeService.IIS, ExchangeService.SMTP],
      hostedZones: { 'contoso.com': 'Z0123456789ABCDEFGHIJ' },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new ContosoAcmLoadBalancerStack(app, 'contoso-acm-load-balancer');
  app.synth();
}
