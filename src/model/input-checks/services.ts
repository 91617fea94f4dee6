/** The Exchange services the main certificate is enabled for, per version. */
import { ALL_SERVICES, ExchangeService } from '../../exchange-service';
import { ExchangeVersion } from '../../exchange-version';
import { InputProblems } from '../input-problems';
import { rejectDuplicates } from './duplicates';

export function checkServices(given: readonly ExchangeService[] | undefined, version: ExchangeVersion | undefined, problems: InputProblems): ExchangeService[] | undefined {
  const list = given ?? [ExchangeService.IIS, ExchangeService.SMTP];
  if (!Array.isArray(list) || list.length === 0) {
    problems.add('services', given, 'must list at least one service.', 'give [ExchangeService.IIS] at least (client access), usually [IIS, SMTP]; or leave services out.');
    return undefined;
  }
  const before = problems.count;
  list.forEach((s, i) => {
    if (!ALL_SERVICES.includes(s)) {
      problems.add(`services[${i}]`, s, 'is not an Exchange certificate service.', `use one of the ExchangeService values (${ALL_SERVICES.join(', ')}).`);
    } else if (version && !version.services.includes(s)) {
      problems.add(
        `services[${i}]`,
        s,
        `does not exist on ${version.displayName}${s === ExchangeService.UM ? ' (Unified Messaging was removed in Exchange 2019)' : ''}.`,
        `remove it; ${version.displayName} accepts ${version.services.join(', ')}.`,
      );
    }
  });
  rejectDuplicates(problems, 'services', list, 'services');
  if (problems.count > before || !version) return undefined;
  return ALL_SERVICES.filter((s) => list.includes(s));
}
