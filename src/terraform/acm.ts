/**
 * Renders ACM public certificates with DNS validation. Validation records are keyed by the
 * names the plan knows at synth time (a wildcard folded onto its apex), never by
 * `domain_validation_options`, whose keys are unknown until apply.
 */
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';
import { idFragment, unique, wildcardApex } from '../model/names';
import { HostedZone, zoneFor } from '../model/zones';
import { PlannedCertificate } from '../model/types';

/** What an ACM certificate rendering created. */
export interface RenderedAcmCertificate {
  readonly certificate: AcmCertificate;
  readonly validation: AcmCertificateValidation;
  readonly validationRecords: readonly Route53Record[];
}

/**
 * The names that need their own validation record: `*.d` shares the record of `d`, so a
 * wildcard is folded onto its apex and each apex appears once.
 */
export function validationNames(names: readonly string[]): { key: string; domainName: string }[] {
  const out: { key: string; domainName: string }[] = [];
  for (const name of names) {
    const key = wildcardApex(name);
    if (out.some((o) => o.key === key)) continue;
    // ACM reports the option under the name as requested: the apex if it is on the
    // certificate, otherwise the wildcard itself.
    out.push({ key, domainName: names.includes(key) ? key : name });
  }
  return out;
}

export function renderAcmCertificate(scope: Construct, cert: PlannedCertificate, zones: readonly HostedZone[], ttl: number): RenderedAcmCertificate {
  const certificate = new AcmCertificate(scope, `acm_${cert.id}`, {
    domainName: cert.names[0],
    subjectAlternativeNames: unique(cert.names.slice(1)),
    validationMethod: 'DNS',
    keyAlgorithm: 'RSA_2048',
    lifecycle: { createBeforeDestroy: true },
    tags: { Name: cert.friendlyName, ManagedBy: 'cdktf-exchange-certificates' },
  });
  certificate.overrideLogicalId(`acm_${cert.id}`);

  const options = `${certificate.terraformResourceType}.${certificate.friendlyUniqueId}.domain_validation_options`;
  const pick = (attribute: string, domainName: string) =>
    `\${one([for o in ${options} : o.${attribute} if o.domain_name == "${domainName}"])}`;

  const validationRecords = validationNames(cert.names).map(({ key, domainName }) => {
    const zone = zoneFor(key, zones);
    if (!zone) throw new Error(`no hosted zone for ACM validation of ${key}`); // the model already refused this
    const id = `acm_${cert.id}_validation_${idFragment(key)}`;
    const record = new Route53Record(scope, id, {
      zoneId: zone.id,
      name: pick('resource_record_name', domainName),
      type: pick('resource_record_type', domainName),
      records: [pick('resource_record_value', domainName)],
      ttl: Math.min(ttl, 300),
      // Two certificates for the same name share the validation CNAME.
      allowOverwrite: true,
    });
    record.overrideLogicalId(id);
    return record;
  });

  const validation = new AcmCertificateValidation(scope, `acm_${cert.id}_validation`, {
    certificateArn: certificate.arn,
    validationRecordFqdns: validationRecords.map((r) => r.fqdn),
  });
  validation.overrideLogicalId(`acm_${cert.id}_validation`);
  return { certificate, validation, validationRecords };
}
