/** The plan rules, in the order their findings are reported. */
import { acmOnServerRule } from './acm-on-server';
import { autodiscoverCoverageRule } from './autodiscover-coverage';
import { caaIdentifiersRule } from './caa-identifiers';
import { caaConflictRule } from './caa-conflict';
import { deploySafetyRule } from './deploy-safety';
import { PlanRule } from './context';
import { documentationAddressesRule } from './documentation-addresses';
import { hybrid2010RenewalRule } from './hybrid-2010-renewal';
import { hybridAuthCertificateRule } from './hybrid-auth-certificate';
import { hybridClientAuthEkuRule } from './hybrid-client-auth-eku';
import { hybridDefaultSmtpRule } from './hybrid-default-smtp';
import { hybridEdgeSubscriptionRule } from './hybrid-edge-subscription';
import { hybridIssuerRotationRule } from './hybrid-issuer-rotation';
import { internalDomainRule } from './internal-domain';
import { internalNamesRule } from './internal-names';
import { lifetimeRule } from './lifetime';
import { nameQuotaRule } from './name-quota';
import { requestSourceRule } from './request-source';
import { rootDomainRule } from './root-domain';
import { sharedKeyRule } from './shared-key';
import { splitDnsRule } from './split-dns';
import { subjectFieldsRule } from './subject-fields';
import { supportedVersionRule } from './supported-version';
import { wildcardServicesRule } from './wildcard-services';

export { PlanRule, RuleContext } from './context';

export const PLAN_RULES: readonly PlanRule[] = [
  internalNamesRule,
  nameQuotaRule,
  wildcardServicesRule,
  acmOnServerRule,
  caaConflictRule,
  autodiscoverCoverageRule,
  rootDomainRule,
  subjectFieldsRule,
  supportedVersionRule,
  sharedKeyRule,
  splitDnsRule,
  lifetimeRule,
  requestSourceRule,
  internalDomainRule,
  documentationAddressesRule,
  caaIdentifiersRule,
  deploySafetyRule,
  hybridDefaultSmtpRule,
  hybridIssuerRotationRule,
  hybrid2010RenewalRule,
  hybridClientAuthEkuRule,
  hybridEdgeSubscriptionRule,
  hybridAuthCertificateRule,
];
