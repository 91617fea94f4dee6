/**
 * The verifier's report for a terminal: one line per row in the plan's order and words,
 * then what differs with the fix, then the counts. The JSON form is the report itself.
 */
import { RowStatus, VerifyReport } from './verify-plan';

const MARKS: Readonly<Record<RowStatus, string>> = { asPlanned: 'as planned', differs: 'DIFFERS', notChecked: 'not checked' };

export function reportText(report: VerifyReport): string {
  const lines: string[] = [];
  const ran = report.ranAs === 'external' ? 'as an external client (public DNS)' : 'as a domain-joined client inside the network';
  lines.push(`Verifying the plan ${ran}.`, '');
  const width = Math.max(...report.rows.map((r) => MARKS[r.status].length));
  for (const r of report.rows) {
    const seen = r.observed === undefined ? '' : r.status === 'asPlanned' ? ` ${r.observed}` : ` planned ${r.planned}, observed ${r.observed}`;
    lines.push(`${MARKS[r.status].padEnd(width)}  ${r.name}${seen}`);
    if (r.status === 'asPlanned' && r.details.length > 0 && r.certificateId) lines.push(`${' '.repeat(width)}    ${r.details[r.details.length - 1]}`);
    if (r.status === 'notChecked') lines.push(`${' '.repeat(width)}    ${r.summary}`);
    for (const d of r.differences) {
      lines.push(`${' '.repeat(width)}    differs: ${d.message}`);
      lines.push(`${' '.repeat(width)}    fix:     ${d.fix}`);
    }
  }
  const c = report.counts;
  lines.push('', `${c.asPlanned} as planned, ${c.differs} differ${c.differs === 1 ? 's' : ''}, ${c.notChecked} not checked (${report.rows.length} rows).`);
  if (c.differs === 0) lines.push(c.notChecked > 0 ? `Everything checked is as planned; run ${report.ranAs === 'external' ? 'with --inside from a domain member' : 'from outside'} for the rest.` : 'Everything is as planned.');
  return `${lines.join('\n')}\n`;
}
