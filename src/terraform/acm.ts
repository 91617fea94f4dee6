/**
 * Renders ACM public certificates with DNS validation. Validation records are keyed by the
 * names the plan knows at synth time (plan.domainValidation, a wildcard folded onto its
 * apex), never by `domain_validation_options`, whose keys are unknown until apply.
 */
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { LbListenerCertificate } from '@cdktf/provider-aws/lib/lb-listener-certificate';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';
import { TerraformResource } from 'cdktf';
import { idFragment, unique } from '../model/names';
import { PlannedCertificate, PlannedDomainValidation } from '../model/types';

/** What an ACM certificate rendering created. */
export interface RenderedAcmCertificate {
  readonly certificate: AcmCertificate;
  readonly validation: AcmCertificateValidation;
  readonly validationRecords: readonly Route53Record[];
}

/**
 * The certificate, one validation record per planned validation (the model folds
 * wildcards), and the validation resource. `caaRecords` are created first: ACM checks CAA
 * when it issues, and a certificate that fails that check is never retried.
 */
export function renderAcmCertificate(
  scope: Construct,
  cert: PlannedCertificate,
  validations: readonly PlannedDomainValidation[],
  caaRecords: readonly TerraformResource[],
  existingValidationRecords: readonly string[] = [],
  listenerArns: readonly string[] = [],
): RenderedAcmCertificate {
  const certificate = new AcmCertificate(scope, `acm_${cert.id}`, {
    domainName: cert.names[0],
    subjectAlternativeNames: unique(cert.names.slice(1)),
    validationMethod: 'DNS',
    keyAlgorithm: 'RSA_2048',
    lifecycle: { createBeforeDestroy: true },
    tags: { Name: cert.friendlyName, ManagedBy: 'cdktf-exchange-certificates' },
    dependsOn: [...caaRecords],
  });
  certificate.overrideLogicalId(`acm_${cert.id}`);

  const options = `${certificate.terraformResourceType}.${certificate.friendlyUniqueId}.domain_validation_options`;
  const pick = (attribute: string, domainName: string) =>
    `\${one([for o in ${options} : o.${attribute} if o.domain_name == "${domainName}"])}`;

  const existing = validations.filter((v) => existingValidationRecords.includes(v.domain));
  const validationRecords = validations.filter((v) => !existing.includes(v)).map((v) => {
    const id = `acm_${cert.id}_validation_${idFragment(v.domain)}`;
    const record = new Route53Record(scope, id, {
      zoneId: v.zoneId!,
      name: pick('resource_record_name', v.lookupName!),
      type: pick('resource_record_type', v.lookupName!),
      records: [pick('resource_record_value', v.lookupName!)],
      ttl: v.ttl!,
      // Never take over a record that is already there: another ACM certificate of the
      // account for the same name uses the same CNAME, and would lose it on destroy.
      // Terraform's CREATE then stops the apply ("... but it already exists"); the name
      // goes in acm({ existingValidationRecords }) and this stack leaves the record alone.
      allowOverwrite: false,
      lifecycle: {
        // ACM gives the same CNAME for a name to every certificate of the account, so when
        // a name change replaces the certificate the record of a name that stays is kept as
        // it is (its attributes are unknown until the new certificate exists, which would
        // otherwise force a replacement that deletes the record the new certificate needs).
        ignoreChanges: ['name', 'type', 'records'],
        // The record of a name that leaves is deleted only after the new certificate is
        // validated and the old one is gone.
        createBeforeDestroy: true,
      },
    });
    record.overrideLogicalId(id);
    return record;
  });

  const validation = new AcmCertificateValidation(scope, `acm_${cert.id}_validation`, {
    certificateArn: certificate.arn,
    validationRecordFqdns: [
      ...validationRecords.map((r) => r.fqdn),
      // Records made elsewhere: ACM finds them by name; this stack never changes or deletes them.
      ...existing.map((v) => trimDot(pick('resource_record_name', v.lookupName!))),
    ],
  });
  validation.overrideLogicalId(`acm_${cert.id}_validation`);

  // Attached once validated; create_before_destroy so a replaced certificate is attached
  // before the old attachment goes, and the old certificate is deleted only after that.
  listenerArns.forEach((listenerArn, i) => {
    const id = `acm_${cert.id}_listener_${i}`;
    const attachment = new LbListenerCertificate(scope, id, {
      listenerArn,
      certificateArn: validation.certificateArn,
      lifecycle: { createBeforeDestroy: true },
    });
    attachment.overrideLogicalId(id);
  });
  return { certificate, validation, validationRecords };
}

/** A record name without its trailing dot, as Route53 fqdns are compared. */
function trimDot(expression: string): string {
  return `\${trimsuffix(${expression.slice(2, -1)}, ".")}`;
}
