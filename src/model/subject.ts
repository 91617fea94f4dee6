import { PlannedSubject } from './types';

/**
 * The subject fields the plan sets, most significant first (X.500 order), with the short
 * name a CSR carries (RFC 4519: ST for the state) and the one Exchange's -SubjectName
 * takes (S for the state).
 */
export const SUBJECT_FIELDS: readonly { readonly key: keyof PlannedSubject; readonly shortName: string; readonly exchangeName: string }[] = [
  { key: 'country', shortName: 'C', exchangeName: 'C' },
  { key: 'state', shortName: 'ST', exchangeName: 'S' },
  { key: 'locality', shortName: 'L', exchangeName: 'L' },
  { key: 'organization', shortName: 'O', exchangeName: 'O' },
  { key: 'organizationalUnit', shortName: 'OU', exchangeName: 'OU' },
  { key: 'commonName', shortName: 'CN', exchangeName: 'CN' },
];
