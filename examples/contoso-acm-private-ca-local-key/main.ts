/**
 * Contoso on Exchange 2019 with everything signed in AWS: the key is made on this machine
 * at synth (secrets/contoso-exchange.key, mode 0600, git-ignored, never in the output), the
 * request is signed by ACM Private CA in `terraform apply`, and the servers import a PFX
 * built where the key is. Run synth again and the same key and request are reused.
 *
 *   npx cdktf synth    # cdktf.out/stacks/contoso-acm-private-ca-local-key/
 *   npx cdktf diff
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
// In your own project: import { ... } from 'cdktf-exchange-certificates';
import { CertificateIssuer, CertificateRequest, CertificateStrategy, ExchangeCertificatePlan, ExchangeService, ExchangeVersion } from '../../src';

export class ContosoAcmPrivateCaLocalKeyStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    new AwsProvider(this, 'aws', { region: 'us-east-1' });

    new ExchangeCertificatePlan(this, 'contoso', {
      exchangeVersion: ExchangeVersion.EXCHANGE_2019,
      organization: { name: 'Contoso Inc', country: 'US', state: 'Washington', locality: 'Redmond' },
      emailDomain: 'contoso.com',
      internalDomain: 'contoso.local',
      servers: [
        { name: 'EX01', fqdn: 'ex01.contoso.local', ipv4: '192.168.10.21' },
        { name: 'EX02', fqdn: 'ex02.contoso.local', ipv4: '192.168.10.22' },
      ],
      publicIpv4: ['203.0.113.10'],
      strategy: CertificateStrategy.sanCertificate(),
      issuer: CertificateIssuer.acmPrivateCa({
        certificateAuthorityArn: 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555',
        validityDays: 365,
      }),
      services: [ExchangeService.IIS, ExchangeService.SMTP],
      hostedZones: { 'contoso.com': 'Z0123456789ABCDEFGHIJ' },
      certificateRequest: CertificateRequest.generateLocally({ privateKeyPath: 'secrets/contoso-exchange.key' }),
    });
  }
}

if (require.main === module) {
  const app = new App();
  new ContosoAcmPrivateCaLocalKeyStack(app, 'contoso-acm-private-ca-local-key');
  app.synth();
}
