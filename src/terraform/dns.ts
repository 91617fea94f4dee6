/** Renders the plan's DNS records as aws_route53_record resources. */
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';
import { PlannedDnsRecord } from '../model/types';

/**
 * One aws_route53_record per planned record set, named after the record (`a_mail_contoso_com`).
 * An SRV record depends on the A/AAAA records of its target, so Terraform creates the target
 * before an SRV points at it and, when the target is renamed, deletes the old name's
 * records only after the SRV has moved: no SRV ever points at a name that does not resolve.
 */
export function renderDnsRecords(scope: Construct, records: readonly PlannedDnsRecord[]): Map<string, Route53Record> {
  const out = new Map<string, Route53Record>();
  const addressRecords = new Map<string, Route53Record[]>();
  for (const r of records) {
    const resource = new Route53Record(scope, r.id, {
      zoneId: r.zoneId,
      name: r.name,
      type: r.type,
      ttl: r.ttl,
      records: [...r.values],
      // A renamed host's old address records are deleted only after the records that
      // point at them (SRV) have moved: Terraform defers destroying a create_before_destroy
      // object until its dependents are updated.
      ...(r.type === 'A' || r.type === 'AAAA' ? { lifecycle: { createBeforeDestroy: true } } : {}),
    });
    resource.overrideLogicalId(r.id);
    out.set(r.id, resource);
    if (r.type === 'A' || r.type === 'AAAA') addressRecords.set(r.name, [...(addressRecords.get(r.name) ?? []), resource]);
  }
  for (const r of records.filter((x) => x.type === 'SRV')) {
    const targets = new Set(r.values.map((v) => v.split(' ')[3]?.replace(/\.$/, '')));
    const dependsOn = [...targets].flatMap((t) => addressRecords.get(t) ?? []);
    if (dependsOn.length > 0) out.get(r.id)!.dependsOn = dependsOn.map((d) => `${d.terraformResourceType}.${d.friendlyUniqueId}`);
  }
  return out;
}
