/** The `moonbox` command on its worker thread (started by moonbox.ts): Lua runs here. */
import { workerData } from 'node:worker_threads';
import { main } from './main.js';
import { nodeCliHost } from './nodehost.js';
import type { Launch } from './protocol.js';

const launch = workerData as Launch;
const host = nodeCliHost(launch);
host.exit(main(launch.argv, host));
