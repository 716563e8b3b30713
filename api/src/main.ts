/** The API process on its own: `npm start -w @laras/api`. (`npm start` at the root runs the whole demo.) */
import { runService } from '@laras/core';
import { startApiServer } from './server.ts';

await runService('api', startApiServer);
