/** CAA records: whether the plan makes them, and which CA identifiers they allow. */
import { defaultCaaRecords } from '../rules/caa-conflict';
import { CertificateIssuer } from '../../issuer';
import { ExchangeCertificatePlanProps } from '../../props';
import { caaIdentifierVerdict } from '../caa-identifiers';
import { InputProblems } from '../input-problems';
import { normalizeHostname } from '../names';
import { rejectDuplicates } from './duplicates';
import { listOf } from './host-names';

export interface CaaChoice {
  readonly caaRecords: boolean;
  /** The issuer's first; empty without CAA records. */
  readonly caaIdentifiers: string[];
}

export function checkCaa(props: ExchangeCertificatePlanProps, issuer: CertificateIssuer, problems: InputProblems): CaaChoice | undefined {
  const before = problems.count;
  const caaRecords = props.caaRecords ?? defaultCaaRecords(issuer, props.additionalCaaIdentifiers);
  if (typeof caaRecords !== 'boolean') {
    problems.add('caaRecords', props.caaRecords, 'must be true or false.', 'give true or false, or leave it out (CAA records are made when the issuer has a CAA identifier).');
    return undefined;
  }
  const additional = listOf(problems, 'additionalCaaIdentifiers', props.additionalCaaIdentifiers);
  if (caaRecords && !issuer.caaIdentifier) {
    problems.add('caaRecords', props.caaRecords, `is true but the issuer (${issuer.displayName}) has no CAA identifier.`, 'give publicCa({ caaIdentifier }) or leave caaRecords out.');
    return undefined;
  }
  if (!caaRecords) {
    if (additional.length > 0) {
      problems.add('additionalCaaIdentifiers', props.additionalCaaIdentifiers, 'is given but the plan makes no CAA records (caaRecords is false or the issuer has no CAA identifier).', 'remove additionalCaaIdentifiers, or turn caaRecords on.');
    }
    return problems.count > before ? undefined : { caaRecords, caaIdentifiers: [] };
  }
  const identifiers = [
    checkIdentifier(problems, 'issuer.caaIdentifier', issuer.caaIdentifier),
    ...additional.map((c, i) => checkIdentifier(problems, `additionalCaaIdentifiers[${i}]`, c)),
  ];
  if (problems.count > before) return undefined;
  rejectDuplicates(problems, 'additionalCaaIdentifiers', identifiers as string[], "the issuer's CAA identifier and additionalCaaIdentifiers");
  return problems.count > before ? undefined : { caaRecords, caaIdentifiers: identifiers as string[] };
}

/** A CAA identifier: a domain name, and not a near miss of a CA's documented identifier. */
function checkIdentifier(problems: InputProblems, prop: string, value: unknown): string | undefined {
  const id = problems.check(() => normalizeHostname(prop, value));
  if (!id) return undefined;
  const verdict = caaIdentifierVerdict(id);
  if (verdict.kind === 'nearMiss') {
    problems.add(
      prop,
      value,
      `is not a CAA identifier ${verdict.issuer.ca} documents; a CAA record with it would block ${verdict.issuer.ca} from issuing (${verdict.issuer.source}).`,
      `use '${verdict.identifier}'.`,
    );
    return undefined;
  }
  return id;
}
