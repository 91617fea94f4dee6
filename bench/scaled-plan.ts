/**
 * The scaled benchmark plan: BENCH_DOMAINS email domains (default 100) with srvRecord(),
 * BENCH_SERVERS servers (default 20), Exchange SE, public CA.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { ExchangeCertificatePlan } from '../src';
import { scaledProps } from './scaled-props';

const app = new App();
const stack = new TerraformStack(app, 'scaled');
new LocalBackend(stack, { path: 'terraform.scaled.tfstate' });
new AwsProvider(stack, 'aws', { region: 'us-east-1' });
new ExchangeCertificatePlan(stack, 'scaled', scaledProps(Number(process.env.BENCH_DOMAINS ?? 100), Number(process.env.BENCH_SERVERS ?? 20)));
app.synth();
