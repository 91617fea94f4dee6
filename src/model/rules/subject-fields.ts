import { Finding } from '../types';
import { RuleContext } from './context';

/** Public CAs stopped including OU in September 2022; a request with it gets it dropped or refused. */
export function subjectFieldsRule({ plan }: RuleContext): Finding[] {
  if (!plan.issuer.publiclyTrusted) return [];
  const withOu = plan.certificates.filter((c) => c.subject.organizationalUnit !== undefined);
  if (withOu.length === 0) return [];
  return [
    {
      id: 'EXC-SUBJECT-OU',
      severity: 'warning',
      prop: 'organization.organizationalUnit',
      message: 'public CAs no longer put an OU in certificates (CA/Browser Forum ballot SC47, 2022-09-01); the request will be refused or issued without it.',
      remedy: 'leave organization.organizationalUnit out for public issuers.',
    },
  ];
}
