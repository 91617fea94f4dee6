/**
 * A hybrid organisation: Exchange Server SE on EX01 and EX02 in hybrid with Exchange Online,
 * one SAN certificate from a public CA (DigiCert) for the client names and for hybrid mail
 * flow. The Hybrid Configuration Wizard pinned the previous certificate on its connectors:
 * the scripts re-pin them on the new one where its issuer or subject changed, internal
 * transport keeps the self-signed certificate, and PLAN.md says when the Exchange Online
 * script runs and when the Auth certificate is rotated.
 *
 *   npx cdktf synth    # cdktf.out/stacks/contoso-hybrid/
 *   npx cdktf diff
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
// In your own project: import { ... } from 'cdktf-exchange-certificates';
import { CertificateIssuer, CertificateStrategy, ExchangeCertificatePlan, ExchangeService, ExchangeVersion } from '../../src';

/** The tenant's hybrid connectors are named after one GUID by the wizard. */
const HCW = '6f1c2b7e-3d4a-4e5f-8a9b-0c1d2e3f4a5b';

export class ContosoHybridStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    new AwsProvider(this, 'aws', { region: 'us-east-1' });

    new ExchangeCertificatePlan(this, 'contoso', {
      exchangeVersion: ExchangeVersion.EXCHANGE_SE,
      organization: { name: 'Contoso Ltd', country: 'GB', locality: 'London' },
      emailDomain: 'contoso.com',
      internalDomain: 'corp.contoso.com',
      servers: [
        { name: 'EX01', fqdn: 'ex01.corp.contoso.com', ipv4: '10.0.1.21' },
        { name: 'EX02', fqdn: 'ex02.corp.contoso.com', ipv4: '10.0.1.22' },
      ],
      publicIpv4: ['198.51.100.25'],
      strategy: CertificateStrategy.sanCertificate(),
      issuer: CertificateIssuer.publicCa({ caaIdentifier: 'digicert.com', name: 'DigiCert' }),
      services: [ExchangeService.IIS, ExchangeService.SMTP],
      hostedZones: { 'contoso.com': 'Z0123456789ABCDEFGHIJ' },
      plannedIssueDate: '2027-01-11',
      // replaceDefaultSmtpCertificate is left out: hybrid keeps internal transport on the self-signed certificate.
      hybrid: {
        sendConnectors: [`Outbound to Office 365 - ${HCW}`],
        receiveConnectors: ['EX01\\Default Frontend EX01', 'EX02\\Default Frontend EX02'],
        authCertificate: { notAfter: '2028-03-14' },
        exchangeOnline: {
          inboundConnector: `Inbound from ${HCW}`,
          outboundConnector: `Outbound to ${HCW}`,
          currentCertificateName: 'mail.contoso.com',
        },
      },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new ContosoHybridStack(app, 'contoso-hybrid');
  app.synth();
}
