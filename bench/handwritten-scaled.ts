/**
 * Baseline for the scaled benchmark: the Terraform the scaled plan synthesizes
 * (BENCH_DOMAINS x BENCH_SERVERS, srvRecord(), public CA) written by hand with cdktf and
 * deep provider imports: the A (create before destroy) and CAA records of the mail name,
 * one SRV record per email domain that depends on the A record, the outputs. None of the planning, checks, scripts or review document. The
 * servers change nothing in Terraform; the bench checks both declare the same.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { App, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';

const domains = Array.from({ length: Number(process.env.BENCH_DOMAINS ?? 100) }, (_, i) => `brand${String(i).padStart(4, '0')}.example.com`);
const app = new App();
const stack = new TerraformStack(app, 'scaled');
new LocalBackend(stack, { path: 'terraform.scaled.tfstate' });
new AwsProvider(stack, 'aws', { region: 'us-east-1' });
const zoneId = 'Z0123456789ABCDEFGHIJ';
const record = (id: string, name: string, type: string, records: string[], dependsOn?: Route53Record[]) => {
  const lifecycle = type === 'A' || type === 'AAAA' ? { lifecycle: { createBeforeDestroy: true } } : {};
  const r = new Route53Record(stack, id, { zoneId, name, type, ttl: 300, records, dependsOn, ...lifecycle });
  r.overrideLogicalId(id);
  return r;
};
const mail = 'mail.hosting.example.com';
const a = record('a_mail_hosting_example_com', mail, 'A', ['20.10.0.80', '20.10.0.81']);
record('caa_mail_hosting_example_com', mail, 'CAA', ['0 issue "sectigo.com"']);
for (const d of domains) record(`srv__autodiscover__tcp_${d.replace(/[.-]/g, '_')}`, `_autodiscover._tcp.${d}`, 'SRV', [`0 0 443 ${mail}`], [a]);
const out = (id: string, value: string[], description: string) => {
  const o = new TerraformOutput(stack, id, { value, description, sensitive: false });
  o.overrideLogicalId(id);
};
out('certificate_exchange_names', [mail], "Names on the 'exchange' certificate, CN first");
out('public_hostnames', [mail], 'Host names external clients use');
app.synth();
