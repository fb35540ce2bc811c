/**
 * moonbox: Lua 5.4 for hosts that run untrusted scripts.
 *
 * This entry (`import ... from 'moonbox'`) is the embedding API: the `Lua`
 * class and what it returns, the platforms that decide what a script may
 * touch, and the error classes a host catches. docs/api.md is the guide.
 *
 * The low-level stack API (the Lua C API in TypeScript) is the separate
 * entry `moonbox/lowlevel` (docs/api-lowlevel.md); states on worker
 * threads, `moonbox/worker` (docs/worker.md); the profile views,
 * `moonbox/profile`. Everything else under
 * `src/` is internal: the interpreter's own representation may change
 * between versions.
 *
 * @packageDocumentation
 */

export * from './common.js';

// the Node.js platforms: the real file system, environment and processes
export {
  createNodePlatform, createDirectoryPlatform, type NodePlatformOptions, type DirectoryPlatformOptions,
} from './platform/node.js';

