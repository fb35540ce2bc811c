#!/usr/bin/env node
/** Entry point of the `moonbox` command (see main.ts). */
import { main } from './main.js';
import { nodeCliHost } from './nodehost.js';

process.exitCode = main(process.argv.slice(2), nodeCliHost());
