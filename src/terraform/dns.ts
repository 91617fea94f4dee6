/** Renders the plan's DNS records as aws_route53_record resources. */
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';
import { PlannedDnsRecord } from '../model/types';

/** One aws_route53_record per planned record set, named after the record (`a_mail_contoso_com`). */
export function renderDnsRecords(scope: Construct, records: readonly PlannedDnsRecord[]): Map<string, Route53Record> {
  const out = new Map<string, Route53Record>();
  for (const r of records) {
    const resource = new Route53Record(scope, r.id, {
      zoneId: r.zoneId,
      name: r.name,
      type: r.type,
      ttl: r.ttl,
      records: [...r.values],
    });
    resource.overrideLogicalId(r.id);
    out.set(r.id, resource);
  }
  return out;
}
