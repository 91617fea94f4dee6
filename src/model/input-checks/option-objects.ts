/** The props that must come from the library's factories: version, strategy, issuer. */
import { ExchangeVersion } from '../../exchange-version';
import { CertificateIssuer } from '../../issuer';
import { ExchangeCertificatePlanProps } from '../../props';
import { CertificateStrategy } from '../../strategy';
import { InputProblems } from '../input-problems';

export interface OptionObjects {
  readonly version?: ExchangeVersion;
  readonly strategy?: CertificateStrategy;
  readonly issuer?: CertificateIssuer;
}

export function checkOptionObjects(props: ExchangeCertificatePlanProps, problems: InputProblems): OptionObjects {
  const out: { version?: ExchangeVersion; strategy?: CertificateStrategy; issuer?: CertificateIssuer } = {};
  if (props.exchangeVersion instanceof ExchangeVersion) out.version = props.exchangeVersion;
  else problems.add('exchangeVersion', props.exchangeVersion, 'is not an ExchangeVersion.', 'use one of ExchangeVersion.EXCHANGE_2007, EXCHANGE_2010, EXCHANGE_2013, EXCHANGE_2016, EXCHANGE_2019 or EXCHANGE_SE.');
  if (props.strategy instanceof CertificateStrategy) out.strategy = props.strategy;
  else problems.add('strategy', props.strategy, 'is not a CertificateStrategy.', 'use CertificateStrategy.sanCertificate(), singleName(), twoCertificates({ ... }) or srvRecord().');
  if (props.issuer instanceof CertificateIssuer) out.issuer = props.issuer;
  else problems.add('issuer', props.issuer, 'is not a CertificateIssuer.', 'use CertificateIssuer.acm(), publicCa({ ... }), acmPrivateCa({ ... }) or enterpriseCa({ ... }).');
  return out;
}
