/**
 * The plans the PowerShell tests render: the four Contoso strategies and the modern
 * two-server example, with each issuer kind, for every Exchange version; and which servers
 * a rendered script runs on.
 */
import assert from 'node:assert/strict';
import { CertificateIssuer, CertificateRequest, ExchangeCertificatePlanProps, ExchangePlan, ExchangeService, ExchangeVersion, buildPlan } from '../../src';
import { ContosoStrategy, contoso, contosoStrategies, modernTwoServers } from '../fixtures/contoso';

export const PCA_ARN = 'arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555';

export const ISSUERS = {
  publicCa: () => CertificateIssuer.publicCa({ caaIdentifier: 'digicert.com', name: 'DigiCert' }),
  acm: () => CertificateIssuer.acm(),
  acmPrivateCa: () => CertificateIssuer.acmPrivateCa({ certificateAuthorityArn: PCA_ARN }),
  enterpriseCa: () => CertificateIssuer.enterpriseCa({ caConfig: 'ca01.contoso.local\\Contoso Issuing CA', template: 'ExchangeWebServer' }),
} as const;

export type IssuerName = keyof typeof ISSUERS;

export interface NamedPlan {
  readonly name: string;
  readonly plan: ExchangePlan;
}

/** Services valid on every version (UM is gone from 2019). */
const SERVICES = [ExchangeService.IIS, ExchangeService.SMTP];

function props(example: ContosoStrategy | 'modern', issuer: IssuerName, version: ExchangeVersion): ExchangeCertificatePlanProps {
  const overrides: Partial<ExchangeCertificatePlanProps> = {
    exchangeVersion: version,
    issuer: ISSUERS[issuer](),
    services: SERVICES,
    // CAA records only make sense for an issuer with a CAA identifier.
    ...(issuer === 'publicCa' || issuer === 'acm' ? {} : { caaRecords: false }),
  };
  return example === 'modern' ? modernTwoServers(overrides) : contoso(example, overrides);
}

/** Every example x issuer x version, plus a key generated off the server. */
export function allPlans(): NamedPlan[] {
  const out: NamedPlan[] = [];
  const examples: (ContosoStrategy | 'modern')[] = [...(Object.keys(contosoStrategies) as ContosoStrategy[]), 'modern'];
  for (const version of ExchangeVersion.ALL) {
    for (const example of examples) {
      for (const issuer of Object.keys(ISSUERS) as IssuerName[]) {
        out.push({ name: `${example}/${issuer}/${version.name}`, plan: buildPlan(props(example, issuer, version)) });
      }
    }
    out.push({
      name: `modern/acmPrivateCa/generateLocally/${version.name}`,
      plan: buildPlan({ ...props('modern', 'acmPrivateCa', version), certificateRequest: CertificateRequest.generateLocally({ privateKeyPath: '../keys/exchange.key' }) }),
    });
    out.push({
      name: `twoCertificates/enterpriseCa/generateLocally/${version.name}`,
      plan: buildPlan({ ...props('twoCertificates', 'enterpriseCa', version), certificateRequest: CertificateRequest.generateLocally({ privateKeyPath: '../keys/exchange.key' }) }),
    });
    out.push({
      name: `sanCertificate/enterpriseCa/fromFile/${version.name}`,
      plan: buildPlan({ ...props('sanCertificate', 'enterpriseCa', version), certificateRequest: CertificateRequest.fromFile('request/exchange.req') }),
    });
  }
  return out;
}

/**
 * The servers a script runs on, in order: the `$planServers` table of a script shared by
 * several servers, else the one server its `$env:COMPUTERNAME` check names. Fails on a script
 * with neither (the Exchange Online script).
 */
export function scriptServers(content: string): string[] {
  const table = /^\$planServers = @\(\n((?: {4}'[^'\n]+'\n)+)\)$/m.exec(content);
  if (table) return table[1].trim().split('\n').map((l) => l.trim().slice(1, -1));
  const one = /^if \(\$env:COMPUTERNAME -ne '([^']+)'\) \{$/m.exec(content);
  assert.ok(one, 'a script with neither a $planServers table nor a server check');
  return [one[1]];
}
