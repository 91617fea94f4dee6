/**
 * Route53 hosted zone ids as users paste them: the bare id (`Z0123456789ABCDEFGHIJ`), or the
 * form `aws route53 create-hosted-zone` and `list-hosted-zones` print
 * (`/hostedzone/Z0123456789ABCDEFGHIJ`, also without the leading slash). The plan keeps the
 * bare id. AWS documents no prefix letter, only upper-case letters and digits (at most 32
 * characters; simulators such as moto make ids that do not start with Z), so only what
 * cannot be an id is refused.
 */
import { PlanInputError } from './errors';

const PREFIX = /^\/?hostedzone\//i;
const BARE_ID = /^[A-Z0-9]{1,32}$/;

/** The bare hosted zone id, or a PlanInputError naming `prop` and the value. */
export function parseHostedZoneId(prop: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new PlanInputError(prop, value, "is not a Route53 hosted zone id (a string like 'Z0123456789ABCDEFGHIJ' or '/hostedzone/Z0123456789ABCDEFGHIJ').");
  }
  const bare = value.trim().replace(PREFIX, '');
  if (!BARE_ID.test(bare)) {
    throw new PlanInputError(
      prop,
      value,
      'is not a Route53 hosted zone id: an id is 1 to 32 upper-case letters and digits, optionally written /hostedzone/<id>.',
      "copy the Id of the zone from `aws route53 list-hosted-zones` (for example '/hostedzone/Z0123456789ABCDEFGHIJ') or the console's 'Hosted zone ID'.",
    );
  }
  return bare;
}
