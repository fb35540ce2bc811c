/**
 * `moonbox/profile`: the views of a profiler report (`ProfileReport`, from
 * `lua.profile()` or `stopProfile()`): the text table `moonbox --profile`
 * prints, folded stacks for flamegraph.pl, inferno and speedscope, and a
 * self-contained flame graph page. A separate entry, in every environment,
 * so that a page which only runs scripts does not load them.
 *
 * @packageDocumentation
 */

export type { ProfileReport, ProfileFunction, ProfileLine, ProfileNode } from './vm/profiler.js';
export { formatProfileTable, formatLineTable, type ProfileTableOptions } from './profile/table.js';
export { toFoldedStacks } from './profile/folded.js';
export { flameGraphHtml, type FlameGraphOptions } from './profile/flamegraph.js';
export { functionLabel } from './profile/label.js';
