/** The scaled benchmark plan: 100 email domains with srvRecord(), 20 servers, Exchange SE. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { CertificateIssuer, CertificateStrategy, ExchangeCertificatePlan, ExchangeService, ExchangeVersion } from '../src';

const domains = Array.from({ length: 100 }, (_, i) => `brand${String(i).padStart(3, '0')}.example.com`);
const app = new App();
const stack = new TerraformStack(app, 'scaled');
new LocalBackend(stack, { path: 'terraform.scaled.tfstate' });
new AwsProvider(stack, 'aws', { region: 'us-east-1' });
new ExchangeCertificatePlan(stack, 'scaled', {
  exchangeVersion: ExchangeVersion.EXCHANGE_SE,
  organization: { name: 'Scaled Hosting Ltd', country: 'GB' },
  emailDomain: domains[0],
  additionalEmailDomains: domains.slice(1),
  externalHostname: 'mail.hosting.example.com',
  autodiscoverHostname: 'autodiscover.hosting.example.com',
  servers: Array.from({ length: 20 }, (_, i) => ({ name: `EX${String(i + 1).padStart(2, '0')}`, fqdn: `ex${String(i + 1).padStart(2, '0')}.corp.hosting.example.com`, ipv4: `10.0.2.${i + 10}` })),
  publicIpv4: ['198.51.100.80', '198.51.100.81'],
  strategy: CertificateStrategy.srvRecord(),
  issuer: CertificateIssuer.publicCa({ caaIdentifier: 'sectigo.com' }),
  services: [ExchangeService.IIS, ExchangeService.SMTP],
  hostedZones: { 'example.com': 'Z0123456789ABCDEFGHIJ' },
});
app.synth();
