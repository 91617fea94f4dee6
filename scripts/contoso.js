#!/usr/bin/env node
// `npm run contoso`: cdktf synth of the seed scenario, then where the files are. The cdktf
// CLI's version check (checkpoint-api.hashicorp.com) is switched off: on a machine without
// internet it only prints `getaddrinfo ENOTFOUND`. Set the same variable in your own CI.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const cdktf = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'cdktf.cmd' : 'cdktf');
const env = { ...process.env, CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE ?? '1' };
const synth = spawnSync(cdktf, ['synth'], { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
if (synth.status !== 0) process.exit(synth.status ?? 1);
const where = spawnSync(process.execPath, [path.join(__dirname, 'where.js')], { cwd: root, stdio: 'inherit' });
process.exit(where.status ?? 1);
