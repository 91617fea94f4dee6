#!/usr/bin/env node
// Prints where `npm run contoso` wrote the Contoso plan, and its headline.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const stackDir = path.join(__dirname, '..', 'cdktf.out', 'stacks', 'contoso-san-certificate');
const rel = (p) => path.relative(process.cwd(), p) || '.';
if (!fs.existsSync(path.join(stackDir, 'cdk.tf.json'))) {
  console.error(`no synthesized stack at ${rel(stackDir)}`);
  process.exit(1);
}
const assets = path.join(stackDir, 'assets');
const find = (dir, name) => {
  if (!fs.existsSync(dir)) return undefined;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isFile() && e.name === name) return p;
    if (e.isDirectory()) {
      const f = find(p, name);
      if (f) return f;
    }
  }
  return undefined;
};
const planMd = find(assets, 'PLAN.md');
console.log('\nContoso (seed scenario, SAN certificate) synthesized:');
console.log(`  Terraform:        ${rel(path.join(stackDir, 'cdk.tf.json'))}`);
if (planMd) {
  console.log(`  Review document:  ${rel(planMd)}`);
  console.log(`  Scripts:          ${rel(path.join(path.dirname(planMd), 'scripts'))}`);
  const firstLines = fs.readFileSync(planMd, 'utf8').split('\n').slice(0, 6).join('\n');
  console.log(`\n${firstLines}\n...`);
}
console.log('\nNext: review the files above, then `npx cdktf diff` (see README: Terraform set-up).');
