/** Renders aws_acmpca_certificate: an ACM Private CA signs the CSR made for a planned certificate. */
import { AcmpcaCertificate } from '@cdktf/provider-aws/lib/acmpca-certificate';
import { Construct } from 'constructs';
import { PlannedCertificate, PlannedIssuer } from '../model/types';

export function renderAcmPcaCertificate(scope: Construct, cert: PlannedCertificate, issuer: PlannedIssuer, csrPem: string): AcmpcaCertificate {
  const id = `acmpca_${cert.id}`;
  const resource = new AcmpcaCertificate(scope, id, {
    certificateAuthorityArn: issuer.certificateAuthorityArn!,
    certificateSigningRequest: csrPem,
    signingAlgorithm: issuer.signingAlgorithm ?? 'SHA256WITHRSA',
    validity: { type: 'DAYS', value: String(cert.validityDays ?? 365) },
    lifecycle: { createBeforeDestroy: true },
  });
  resource.overrideLogicalId(id);
  return resource;
}
