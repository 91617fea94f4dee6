/**
 * Baseline for the benchmark: the Contoso SAN example's Terraform written by hand with
 * cdktf and deep provider imports (the same provider, backend, records and outputs that
 * examples/contoso-san-certificate synthesizes), with none of the library's planning,
 * checks, scripts or review document.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { App, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'contoso-san-certificate');
new LocalBackend(stack, { path: 'terraform.contoso-san-certificate.tfstate' });
new AwsProvider(stack, 'aws', { region: 'us-east-1' });
const zoneId = 'Z0123456789ABCDEFGHIJ';
const record = (id: string, name: string, type: string, records: string[]) => {
  const lifecycle = type === 'A' || type === 'AAAA' ? { lifecycle: { createBeforeDestroy: true } } : {};
  const r = new Route53Record(stack, id, { zoneId, name, type, ttl: 300, records, ...lifecycle });
  r.overrideLogicalId(id);
};
record('a_autodiscover_contoso_com', 'autodiscover.contoso.com', 'A', ['203.0.113.10']);
record('caa_autodiscover_contoso_com', 'autodiscover.contoso.com', 'CAA', ['0 issue "digicert.com"']);
record('a_mail_contoso_com', 'mail.contoso.com', 'A', ['203.0.113.10']);
record('caa_mail_contoso_com', 'mail.contoso.com', 'CAA', ['0 issue "digicert.com"']);
const out = (id: string, value: string[], description: string) => {
  const o = new TerraformOutput(stack, id, { value, description, sensitive: false });
  o.overrideLogicalId(id);
};
out('certificate_exchange_names', ['mail.contoso.com', 'autodiscover.contoso.com'], "Names on the 'exchange' certificate, CN first");
out('public_hostnames', ['mail.contoso.com', 'autodiscover.contoso.com'], 'Host names external clients use');
app.synth();
