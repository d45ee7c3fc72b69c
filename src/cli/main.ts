#!/usr/bin/env node
import { hideBin } from 'yargs/helpers';
import { buildCli, EXIT } from './cli';

buildCli(hideBin(process.argv))
  .parseAsync()
  .catch((error: Error) => {
    console.error(`gws-sim: ${error.message}`);
    process.exit(EXIT.failure);
  });
