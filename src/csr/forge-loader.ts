/**
 * node-forge, loaded on first use: plans without a CSR to read or make never pay for it.
 * (Loading it costs about 15-20 ms.)
 */
import type * as Forge from 'node-forge';

let forge: typeof Forge | undefined;

/** The node-forge module, required the first time it is needed. */
export function loadForge(): typeof Forge {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  forge ??= require('node-forge') as typeof Forge;
  return forge;
}
