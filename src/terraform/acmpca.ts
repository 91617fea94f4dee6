/**
 * Renders ACM Private CA issuances. The provider revokes a Private CA certificate when it
 * deletes it, and a new request (renewal, a new key, new names) forces a new certificate, so
 * a certificate that is replaced in place is revoked in the same apply that issues its
 * successor, before any Exchange server has imported it. Here every issuance is its own
 * resource, addressed by the request it signs (`acmpca_<certificate>_<issuance>`): a new
 * request adds a resource, and the issuance in service stays valid as long as it is listed
 * in `retainedIssuances`. Removing it from that list later is the deliberate step that
 * revokes it.
 */
import { createHash } from 'node:crypto';
import { AcmpcaCertificate } from '@cdktf/provider-aws/lib/acmpca-certificate';
import { Construct } from 'constructs';
import { PlannedCertificate, PlannedIssuer } from '../model/types';

/** `<certificate id>@<first 8 hex digits of the SHA-256 of the request's DER>`. */
export function issuanceLabel(certificateId: string, csrPem: string): string {
  const der = Buffer.from(csrPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return `${certificateId}@${createHash('sha256').update(der).digest('hex').slice(0, 8)}`;
}

/** The Terraform name of an issuance: `acmpca_exchange_1a2b3c4d`. */
export function issuanceResourceName(label: string): string {
  return `acmpca_${label.replace('@', '_')}`;
}

/** Name of the resource the releases before issuances used for a certificate (one per certificate). */
function previousReleaseName(certificateId: string): string {
  return `acmpca_${certificateId}`;
}

export interface RenderedIssuance {
  readonly label: string;
  readonly certificate: AcmpcaCertificate;
}

/**
 * The issuance for the certificate's current request. A state made by a release before
 * issuances holds it as `acmpca_<id>`: a `moved` block carries it over, so upgrading neither
 * re-issues nor revokes it.
 */
export function renderAcmPcaCertificate(scope: Construct, cert: PlannedCertificate, issuer: PlannedIssuer, csrPem: string): RenderedIssuance {
  const label = issuanceLabel(cert.id, csrPem);
  const name = issuanceResourceName(label);
  const resource = new AcmpcaCertificate(scope, name, {
    certificateAuthorityArn: issuer.certificateAuthorityArn!,
    certificateSigningRequest: csrPem,
    signingAlgorithm: issuer.signingAlgorithm ?? 'SHA256WITHRSA',
    validity: { type: 'DAYS', value: String(cert.validityDays ?? 365) },
  });
  resource.overrideLogicalId(name);
  resource.moveFromId(`aws_acmpca_certificate.${previousReleaseName(cert.id)}`);
  return { label, certificate: resource };
}

/**
 * An issuance kept in service after its certificate got a new request: the resource stays
 * in the configuration with every argument ignored, so Terraform neither re-issues nor
 * revokes it. Its arguments repeat the current ones only because the resource type
 * requires them.
 */
export function renderRetainedIssuance(scope: Construct, label: string, issuer: PlannedIssuer, csrPem: string): AcmpcaCertificate {
  const name = issuanceResourceName(label);
  const resource = new AcmpcaCertificate(scope, name, {
    certificateAuthorityArn: issuer.certificateAuthorityArn!,
    certificateSigningRequest: csrPem,
    signingAlgorithm: issuer.signingAlgorithm ?? 'SHA256WITHRSA',
    validity: { type: 'DAYS', value: '365' },
    lifecycle: { ignoreChanges: 'all' },
  });
  resource.overrideLogicalId(name);
  return resource;
}
