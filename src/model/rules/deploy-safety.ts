import { Finding } from '../types';
import { RuleContext } from './context';

/**
 * What a later `terraform apply` does to certificates and records already in service, said
 * in the plan so a reviewer knows it before approving a change:
 * - ACM Private CA: each signed request is an issuance of its own; the one in service stops
 *   working only when it leaves `retainedIssuances` (that apply revokes it) or expires;
 * - ACM: validation records are created, never taken over; one already in the zone stops
 *   the apply unless listed in `existingValidationRecords`, and then is never changed or deleted.
 */
export function deploySafetyRule({ plan, inputs }: RuleContext): Finding[] {
  const out: Finding[] = [];
  const pca = inputs.issuerObject.acmPrivateCaOptions;
  if (plan.issuer.kind === 'acmPrivateCa' && pca) {
    out.push({
      id: 'EXC-PCA-ISSUANCE',
      severity: 'info',
      prop: 'issuer.retainedIssuances',
      message:
        "each request ACM Private CA signs is an issuance of its own (Terraform output certificate_<id>_issuance). A new request (renewal, new key, new names) adds a new certificate; the one in service keeps working until its issuance leaves retainedIssuances (the apply that removes it revokes it) or until it expires. An issuance neither current nor retained is revoked by the next apply.",
      remedy: 'before you apply a new request, add the issuance in service to retainedIssuances; remove it only after every server has imported and enabled the new certificate.',
    });
    for (const label of pca.retainedIssuances ?? []) {
      out.push({
        id: 'EXC-PCA-RETAINED',
        severity: 'info',
        prop: 'issuer.retainedIssuances',
        message: `the issuance ${label} stays valid (not revoked): it stops working when you remove it from retainedIssuances and apply (revoked then), or at its expiry date.`,
        remedy: `remove '${label}' from retainedIssuances once every server runs the new certificate (the verify script shows the thumbprint in use).`,
      });
    }
  }
  if (plan.issuer.kind === 'acm') {
    const existing = inputs.issuerObject.acmOptions?.existingValidationRecords ?? [];
    out.push({
      id: 'EXC-ACM-VALIDATION-RECORDS',
      severity: 'info',
      prop: 'issuer.existingValidationRecords',
      message: `ACM validation records are created, never taken over: when one is already in the zone (another ACM certificate of the account for the same name uses the same CNAME), the apply stops with "Tried to create resource record set ... but it already exists" and changes nothing.${existing.length > 0 ? ` The records of ${existing.join(', ')} are made elsewhere: this plan validates with them and never changes or deletes them.` : ''}`,
      remedy: 'list such a name in acm({ existingValidationRecords }); never terraform import a validation record another certificate relies on (a destroy would delete it and that certificate would fail its next renewal).',
    });
  }
  return out;
}
