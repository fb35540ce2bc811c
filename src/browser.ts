/**
 * moonbox in browsers (and any host without Node.js built-ins): the same
 * embedding API as the `moonbox` entry, without the Node.js platforms, so
 * that a bundler for the web finds no `node:` module. Package managers and
 * bundlers pick it through the `browser` condition of the package's
 * exports.
 *
 * @packageDocumentation
 */

export * from './common.js';
