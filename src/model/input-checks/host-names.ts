/** The public names of the plan: email domains, the mail and autodiscover hosts, extra names. */
import { ExchangeCertificatePlanProps } from '../../props';
import { CertificateStrategy } from '../../strategy';
import { InputProblems } from '../input-problems';
import { normalizeHostname } from '../names';
import { rejectDuplicates } from './duplicates';

export interface PublicNames {
  readonly emailDomain: string;
  readonly additionalEmailDomains: string[];
  readonly externalHostname: string;
  readonly autodiscoverHostname: string;
  readonly additionalNames: string[];
}

const PUBLIC = { requirePublic: true } as const;

/** Checks and normalises the public names; undefined when one of them is refused. */
export function checkPublicNames(props: ExchangeCertificatePlanProps, strategy: CertificateStrategy | undefined, problems: InputProblems): PublicNames | undefined {
  const before = problems.count;
  const emailDomain = problems.check(() => normalizeHostname('emailDomain', props.emailDomain, PUBLIC));
  const additionalEmailDomains = listOf(problems, 'additionalEmailDomains', props.additionalEmailDomains).map((d, i) =>
    problems.check(() => normalizeHostname(`additionalEmailDomains[${i}]`, d, PUBLIC)),
  );
  if (emailDomain && additionalEmailDomains.every((d) => d !== undefined)) {
    rejectDuplicates(problems, 'additionalEmailDomains', [emailDomain, ...(additionalEmailDomains as string[])], 'emailDomain and additionalEmailDomains');
  }

  const autodiscoverHostname =
    props.autodiscoverHostname === undefined
      ? emailDomain && `autodiscover.${emailDomain}`
      : problems.check(() => normalizeHostname('autodiscoverHostname', props.autodiscoverHostname, PUBLIC));
  const externalHostname = checkExternalHostname(props, strategy, emailDomain, autodiscoverHostname, problems);

  const additionalNames = listOf(problems, 'additionalNames', props.additionalNames).map((n, i) =>
    problems.check(() => normalizeHostname(`additionalNames[${i}]`, n, { allowWildcard: true, requirePublic: true })),
  );
  if (externalHostname && autodiscoverHostname && additionalNames.every((n) => n !== undefined)) {
    rejectDuplicates(problems, 'additionalNames', [...new Set([externalHostname, autodiscoverHostname]), ...(additionalNames as string[])], 'additionalNames, externalHostname and autodiscoverHostname');
  }
  if (problems.count > before || !emailDomain || !externalHostname || !autodiscoverHostname) return undefined;
  return { emailDomain, additionalEmailDomains: additionalEmailDomains as string[], externalHostname, autodiscoverHostname, additionalNames: additionalNames as string[] };
}

function checkExternalHostname(
  props: ExchangeCertificatePlanProps,
  strategy: CertificateStrategy | undefined,
  emailDomain: string | undefined,
  autodiscoverHostname: string | undefined,
  problems: InputProblems,
): string | undefined {
  if (strategy?.kind === 'singleName') {
    if (props.externalHostname !== undefined) {
      const given = problems.check(() => normalizeHostname('externalHostname', props.externalHostname, PUBLIC));
      if (given && autodiscoverHostname && given !== autodiscoverHostname) {
        problems.add(
          'externalHostname',
          props.externalHostname,
          `singleName() uses the one name '${autodiscoverHostname}' for every service, so the external host name cannot differ from autodiscoverHostname.`,
          'leave externalHostname out, or use sanCertificate() / twoCertificates() to keep a separate mail host name.',
        );
      }
    }
    return autodiscoverHostname;
  }
  const external =
    props.externalHostname === undefined ? emailDomain && `mail.${emailDomain}` : problems.check(() => normalizeHostname('externalHostname', props.externalHostname, PUBLIC));
  if (strategy && external && external === autodiscoverHostname) {
    problems.add('externalHostname', props.externalHostname ?? external, `equals autodiscoverHostname; with ${strategy.kind}() they are two names.`, 'use CertificateStrategy.singleName() for a one-name layout.');
  }
  return external;
}

/** A list prop as an array (a problem recorded when it is not one). */
export function listOf<T>(problems: InputProblems, prop: string, value: readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  problems.add(prop, value, 'is not a list.', `give a list, like ${prop}: [${typeof value === 'string' ? `'${value}'` : '...'}].`);
  return [];
}
