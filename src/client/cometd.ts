import path from 'node:path';
import type * as Cometd from 'cometd';

/**
 * The official CometD client with its Node transports, from the CommonJS bundle `npm run build`
 * makes of it (src/client/cometd-bundle.mjs): src/ and dist/ both sit one level below the
 * package root. Nothing to adapt(): the bundle has its own `window`.
 */
const bundle = require(path.join(__dirname, '..', '..', 'dist', 'vendor', 'cometd.cjs')) as Pick<typeof Cometd, 'CometD'>;

export const { CometD } = bundle;
export type CometD = Cometd.CometD;
export type { Message } from 'cometd';
