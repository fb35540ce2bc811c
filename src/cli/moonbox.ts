#!/usr/bin/env node
/**
 * Entry point of the `moonbox` command (see main.ts), on the main thread:
 * it keeps signals and the terminal (terminal.ts) and runs the command on
 * a worker (cli-worker.ts). Bundled, the two are separate files, so this
 * thread does not load the runtime at all.
 */
import { runCommand } from './terminal.js';

const bundled = import.meta.url.endsWith('.mjs');
runCommand(new URL(bundled ? './cli-worker.mjs' : './cli-worker.js', import.meta.url));
