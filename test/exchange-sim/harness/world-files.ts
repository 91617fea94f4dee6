/**
 * Reading and editing a simulated world's state files in a test (`world.json` for the
 * organisation, `<SERVER>.json` per server), and finding a plan's script by its file name.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ScriptStep, World } from './scenario';

export function readWorld(world: World): any {
  return JSON.parse(fs.readFileSync(path.join(world.dir, 'world.json'), 'utf8'));
}

export function editWorld(world: World, edit: (w: any) => void): void {
  const w = readWorld(world);
  edit(w);
  fs.writeFileSync(path.join(world.dir, 'world.json'), JSON.stringify(w));
}

export function editServer(world: World, server: string, edit: (s: any) => void): void {
  const file = path.join(world.dir, `${server}.json`);
  const s = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(s);
  fs.writeFileSync(file, JSON.stringify(s));
}

/** The plan's script whose file name matches; fails the test naming the scripts there are. */
export function step(world: World, re: RegExp): ScriptStep {
  const s = world.steps.find((x) => re.test(x.file));
  assert.ok(s, `no script matching ${re} in ${world.steps.map((x) => x.file).join(', ')}`);
  return s;
}
