/** The workers process on its own: `npm start -w @laras/workers`. (`npm start` at the root runs the demo.) */
import { runService } from '@laras/core';
import { startWorkers } from './start.ts';

await runService('workers', startWorkers);
