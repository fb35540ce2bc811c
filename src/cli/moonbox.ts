#!/usr/bin/env node
/**
 * Entry point of the `moonbox` command (see main.ts). The main thread keeps
 * signals and the terminal (terminal.ts); the command itself runs on a
 * worker started from this same module.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { main } from './main.js';
import { nodeCliHost, type Launch } from './nodehost.js';
import { runCommand } from './terminal.js';

if (isMainThread) {
  runCommand(new URL(import.meta.url));
} else {
  const launch = workerData as Launch;
  process.exitCode = main(launch.argv, nodeCliHost(launch));
}
