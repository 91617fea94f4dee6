// node:test reporter that prints the closing line CI reads:
//   tests: N passed, N failed, N skipped
// Counts leaf tests only (suites and files are not tests).
export default async function* summaryReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const failures = [];
  // A suite's own closing line (the scripts suite: `scripts executed: R runs, ...`) is printed last.
  const closing = [];
  for await (const event of source) {
    if ((event.type === 'test:stdout' || event.type === 'test:diagnostic') && /^scripts executed: /.test(event.data.message ?? '')) {
      closing.push(event.data.message.trim());
      continue;
    }
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data;
    // Suites report with details.type === 'suite'; a file's implicit root has nesting 0 and no parent test.
    if (data.details?.type === 'suite') continue;
    if (data.skip || data.todo) {
      skipped += 1;
    } else if (event.type === 'test:pass') {
      passed += 1;
    } else {
      failed += 1;
      failures.push(`${data.file ?? ''} :: ${data.name}`);
    }
  }
  if (failures.length > 0) {
    yield `\nfailed tests:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`;
  }
  yield `tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`;
  for (const line of closing) yield `${line}\n`;
}
