/** Loads an example's stack in this process, to compare what Terraform plans with the model. */
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { ExchangeCertificatePlan } from '../../src';
import { EXAMPLES_DIR, tempDir } from './synth';

/** Builds the example's stack in-process (cwd set to its folder, as cdktf does) and returns its plan construct. */
export function loadExamplePlan(name: string): ExchangeCertificatePlan {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mod = require(path.join(EXAMPLES_DIR, '..', path.basename(path.resolve(__dirname, '..', '..')) === 'lib' ? 'lib/examples' : 'examples', name, 'main'));
  const StackClass = Object.values(mod).find((v) => typeof v === 'function' && v.prototype instanceof TerraformStack) as new (scope: App, id: string) => TerraformStack;
  if (!StackClass) throw new Error(`example ${name} exports no TerraformStack class`);
  const cwd = process.cwd();
  process.chdir(path.join(EXAMPLES_DIR, name));
  try {
    const app = new App({ outdir: tempDir(`in-process-${name}`) });
    const stack = new StackClass(app, name);
    const found = stack.node.findAll().find((c) => c instanceof ExchangeCertificatePlan) as ExchangeCertificatePlan | undefined;
    if (!found) throw new Error(`example ${name} has no ExchangeCertificatePlan`);
    return found;
  } finally {
    process.chdir(cwd);
  }
}
