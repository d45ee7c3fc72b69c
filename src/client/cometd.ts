import path from 'node:path';
import type * as Cometd from 'cometd';
import type * as CometdNode from 'cometd-nodejs-client';

/**
 * The official CometD client, from the CommonJS bundle `npm run build` makes of it
 * (src/client/cometd-bundle.mjs): src/ and dist/ both sit one level below the package root.
 */
const bundle = require(path.join(__dirname, '..', '..', 'dist', 'vendor', 'cometd.cjs')) as Pick<typeof Cometd, 'CometD'> &
  Pick<typeof CometdNode, 'adapt'>;

export const { CometD, adapt } = bundle;
export type CometD = Cometd.CometD;
export type { Message } from 'cometd';
