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
  const mine = report.rows.filter((r) => r.client === report.ranAs);
  const others = report.rows.length - mine.length;
  const width = Math.max(...mine.map((r) => MARKS[r.status].length));
  const pad = ' '.repeat(width + 4);
  const certificatesShown = new Set<string>();
  for (const r of mine) {
    const seen = r.observed === undefined ? '' : r.observed === r.planned ? `: ${r.observed}` : `: planned ${r.planned}, observed ${r.observed}`;
    lines.push(`${MARKS[r.status].padEnd(width)}  ${r.name}${seen}`);
    if (r.status === 'asPlanned' && r.certificateId && !certificatesShown.has(r.certificateId)) {
      const note = r.details.find((d) => d.startsWith('certificate'));
      if (note) {
        certificatesShown.add(r.certificateId);
        lines.push(`${pad}${note.replace(/^certificate/, `certificate '${r.certificateId}'`)}`);
      }
    }
    if (r.status === 'notChecked' || (r.status === 'asPlanned' && r.observed !== r.planned)) lines.push(`${pad}${r.summary}`);
    for (const d of r.differences) {
      lines.push(`${pad}differs: ${d.message}`);
      lines.push(`${pad}fix:     ${d.fix}`);
    }
  }
  const c = report.counts;
  lines.push('', `${c.asPlanned} as planned, ${c.differs} differ${c.differs === 1 ? 's' : ''}, ${c.notChecked} not checked (${report.rows.length} rows).`);
  if (others > 0) {
    lines.push(report.ranAs === 'external'
      ? `The ${others} rows of domain-joined clients are not checked from here: run with --inside from a domain member.`
      : `The ${others} rows of external clients are not checked from here: run without --inside from outside the network.`);
  }
  if (c.differs === 0) lines.push('Everything checked is as planned.');
  return `${lines.join('\n')}\n`;
}
