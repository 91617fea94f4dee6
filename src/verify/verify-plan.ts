/**
 * The verifier: every coverage row of a plan, checked from where it runs (outside as an
 * external client, or inside as a domain-joined one), compared with the plan's verdict.
 * Autodiscover is walked as Outlook walks it: SCP (inside), then per email domain the root
 * domain, the autodiscover host, the HTTP redirect and the SRV record, stopping at the
 * first step that answers, so a later step is "not reached" only because an earlier one
 * was seen to answer.
 */
import { AUTODISCOVER_STEPS, STEP_LABELS } from '../review/autodiscover-steps';
import { clientLabel, ClientKind } from '../review/client-kind';
import type { CoverageResult } from '../review/coverage';
import { Difference } from './findings';
import { VerifyOptions } from './options';
import { planFacts } from './plan-facts';
import { plannedRows, PlannedRow } from './plan-rows';
import { Observation, RowChecker, unchecked } from './row-check';

/** 'asPlanned': checked, and what clients get is what the plan says; 'differs': checked, and it is not; 'notChecked': not checkable from here (the reason says why). */
export type RowStatus = 'asPlanned' | 'differs' | 'notChecked';

export interface VerifiedRow {
  /** The plan's own name of the row: service, step, email domain, client, URL. */
  readonly name: string;
  readonly service: string;
  readonly client: ClientKind;
  readonly step?: string;
  readonly emailDomain?: string;
  readonly url: string;
  readonly certificateId?: string;
  /** The plan's result for the row. */
  readonly planned: CoverageResult;
  /** What the verifier saw, in the same words; absent when not checked. */
  readonly observed?: CoverageResult;
  readonly status: RowStatus;
  /** One line: why the observed result is what it is, or why the row is not checked. */
  readonly summary: string;
  /** What differs from the plan, each with its fix (empty unless 'differs'). */
  readonly differences: readonly Difference[];
  readonly details: readonly string[];
  /** Addresses the verifier connected to for this row. */
  readonly connectedTo: readonly string[];
}

export interface VerifyReport {
  /** Version of this report's JSON shape. */
  readonly reportVersion: 1;
  /** The kind of client the verifier played. */
  readonly ranAs: ClientKind;
  readonly planSchemaVersion: number;
  readonly counts: { readonly asPlanned: number; readonly differs: number; readonly notChecked: number };
  readonly rows: readonly VerifiedRow[];
}

const SERVICE_LABELS: Readonly<Record<string, string>> = { OutlookAnywhere: 'Outlook Anywhere', MAPI: 'MAPI over HTTP' };

/** Checks a plan.json document (already parsed) against the deployment clients reach. */
export async function verifyPlan(document: unknown, options: VerifyOptions = {}): Promise<VerifyReport> {
  const rows = plannedRows(document);
  const facts = planFacts(document);
  const ranAs: ClientKind = options.inside ? 'domainJoined' : 'external';
  const origins = new Set(
    rows
      .filter((r) => r.service === 'Autodiscover' && r.url.startsWith('https://') && r.certificateId && r.result !== 'warning' && r.result !== 'risk')
      .map((r) => new URL(r.url).origin.toLowerCase()),
  );
  const checker = new RowChecker(facts, options, origins);
  const observations = new Map<PlannedRow, Observation>();

  // Rows outside the Autodiscover walk are independent: check them side by side.
  const independent = rows.filter((r) => r.service !== 'Autodiscover');
  await pool(independent, 8, async (r) => observations.set(r, await serviceRow(checker, r, ranAs)));

  // The walk: SCP rows of the client first, then each email domain's steps in order.
  const scp = rows.filter((r) => r.service === 'Autodiscover' && r.step === 'scp');
  let scpAnswered = false;
  const primaryDomain = rows.find((r) => r.emailDomain)?.emailDomain ?? '';
  for (const r of scp) {
    const o = r.client !== ranAs ? elsewhere(r.client) : r.client === 'external' ? unchecked(`plan: ${r.reason}`) : scpNote(await checker.autodiscover(r, primaryDomain));
    if (r.client === ranAs && o.answered) scpAnswered = true;
    observations.set(r, o);
  }
  const domains = new Map<string, PlannedRow[]>();
  for (const r of rows.filter((x) => x.service === 'Autodiscover' && x.step !== 'scp')) {
    const key = `${r.client} ${r.emailDomain ?? ''}`;
    domains.set(key, [...(domains.get(key) ?? []), r]);
  }
  // Outlook's order within a domain, whatever order the rows come in.
  const order = (r: PlannedRow) => AUTODISCOVER_STEPS.indexOf(r.step ?? 'autodiscoverHost');
  await pool([...domains.values()].map((steps) => [...steps].sort((x, y) => order(x) - order(y))), 8, async (steps) => {
    let answeredAt: string | undefined = scpAnswered && steps[0].client === ranAs ? 'the SCP' : undefined;
    for (const r of steps) {
      if (r.client !== ranAs) {
        observations.set(r, elsewhere(r.client));
        continue;
      }
      if (answeredAt) {
        observations.set(r, { result: 'notReached', answered: false, because: `${answeredAt} answered first`, differences: [], details: [], connectedTo: [] });
        continue;
      }
      const o = await stepRow(checker, r);
      observations.set(r, o);
      if (o.answered) answeredAt = `the ${STEP_LABELS[r.step ?? 'autodiscoverHost']}`;
    }
    // No step answered: as in the plan, the failure of the whole walk shows at the autodiscover host.
    const host = steps.find((r) => r.step === 'autodiscoverHost');
    if (!answeredAt && host && host.client === ranAs) {
      const o = observations.get(host)!;
      observations.set(host, {
        ...o,
        result: 'warning',
        because: `${o.because}; no step answers for ${host.emailDomain}, so Outlook cannot set itself up for its users`,
        fix: o.fix ?? `put ${host.hostname} on the certificate with a DNS record, or publish _autodiscover._tcp.${host.emailDomain} pointing at a name on the certificate`,
      });
    }
  });

  const verified = rows.map((r) => judge(r, observations.get(r)!));
  return {
    reportVersion: 1,
    ranAs,
    planSchemaVersion: facts.schemaVersion,
    counts: {
      asPlanned: verified.filter((v) => v.status === 'asPlanned').length,
      differs: verified.filter((v) => v.status === 'differs').length,
      notChecked: verified.filter((v) => v.status === 'notChecked').length,
    },
    rows: verified,
  };
}

async function serviceRow(checker: RowChecker, r: PlannedRow, ranAs: ClientKind): Promise<Observation> {
  if (r.client !== ranAs) return elsewhere(r.client);
  if (r.url === '-' || r.result === 'notReached') return unchecked(`clients of this kind do not use it (plan: ${r.reason})`);
  return checker.service(r);
}

function stepRow(checker: RowChecker, r: PlannedRow): Promise<Observation> {
  const domain = r.emailDomain ?? '';
  switch (r.step) {
    case 'srv':
      return checker.srv(r, domain);
    case 'httpRedirect':
      return checker.httpRedirect(r);
    default:
      return checker.autodiscover(r, domain);
  }
}

/** The SCP itself lives in Active Directory, which the verifier does not read: it checks the URL the plan puts there. */
function scpNote(o: Observation): Observation {
  return { ...o, details: [...o.details, "the SCP object in Active Directory is not read: its planned URL is checked (the plan's verify script checks AutoDiscoverServiceInternalUri on the server)"] };
}

function elsewhere(client: ClientKind): Observation {
  return unchecked(
    client === 'domainJoined'
      ? 'a domain-joined client inside the network (SCP, internal DNS, internal names): run the verifier with --inside from a domain member'
      : 'an external client: run the verifier without --inside from outside the network',
  );
}

function judge(r: PlannedRow, o: Observation): VerifiedRow {
  const base = {
    name: rowName(r),
    service: r.service,
    client: r.client,
    ...(r.step ? { step: r.step } : {}),
    ...(r.emailDomain ? { emailDomain: r.emailDomain } : {}),
    url: r.url,
    ...(r.certificateId ? { certificateId: r.certificateId } : {}),
    planned: r.result,
    details: o.details,
    connectedTo: o.connectedTo,
  };
  if (o.notChecked) return { ...base, status: 'notChecked', summary: `not checked: ${o.notChecked}`, differences: [] };
  const sameResult = o.result === r.result || (r.result === 'risk' && o.result !== 'warning' && o.result !== 'redirectPrompt');
  const differences: Difference[] = [];
  if (!sameResult) {
    differences.push({
      message: `planned ${r.result}, observed ${o.result}: ${o.because}`,
      fix: o.fix ?? (r.result === 'notReached' ? 'an earlier Autodiscover step no longer answers: see the rows above' : `make it as planned: ${r.reason}`),
    });
  }
  differences.push(...o.differences);
  const riskNote = r.result === 'risk' && sameResult ? 'undeclared in the plan; seen: ' : '';
  return { ...base, observed: o.result, status: differences.length === 0 ? 'asPlanned' : 'differs', summary: `${riskNote}${o.because}`, differences };
}

/** 'OWA (external) https://mail.contoso.com/owa', 'Autodiscover, SRV record, contoso.com (domain-joined) ...'. */
export function rowName(r: PlannedRow): string {
  const parts = [SERVICE_LABELS[r.service] ?? r.service, ...(r.step ? [STEP_LABELS[r.step]] : []), ...(r.emailDomain ? [r.emailDomain] : [])];
  return `${parts.join(', ')} (${clientLabel(r.client)}) ${r.url}`;
}

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  });
  await Promise.all(lanes);
}
