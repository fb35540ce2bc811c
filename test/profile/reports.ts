/**
 * Hand-built profile reports for the profile views' tests: a call tree
 * written as nested arrays, from which the nodes' totals and the flat
 * function table are computed as the profiler would.
 */
import type { ProfileFunction, ProfileNode, ProfileReport } from '../../src/vm/profiler.js';

/** A function of a built report: what it is, not what it cost. */
export type FunctionInfo = Pick<ProfileFunction, 'name' | 'what' | 'source' | 'line'>;

/** A call-tree node: [function key, calls, self ms, children]. */
export type Call = [key: string, calls: number, self: number, children?: Call[]];

/** A report whose call tree is `calls` under the root; `duration` defaults to the tree's total. */
export function buildReport(functions: Record<string, FunctionInfo>, calls: Call[], duration?: number): ProfileReport {
  const keys = Object.keys(functions);
  const stats = keys.map((key) => ({ ...functions[key], calls: 0, selfTime: 0, totalTime: 0 }));
  const node = (call: Call, active: Set<string>): ProfileNode => {
    const [key, count, self, children = []] = call;
    const fn = keys.indexOf(key);
    if (fn < 0) throw new Error(`no function '${key}'`);
    const inner = new Set(active).add(key);
    const kids = children.map((child) => node(child, inner));
    const total = self + kids.reduce((sum, kid) => sum + kid.totalTime, 0);
    stats[fn].calls += count;
    stats[fn].selfTime += self;
    // a recursive activation is counted once, in its outermost frame
    if (!active.has(key)) stats[fn].totalTime += total;
    return { fn, calls: count, selfTime: self, totalTime: total, children: kids };
  };
  const top = calls.map((call) => node(call, new Set()));
  const rootTotal = top.reduce((sum, n) => sum + n.totalTime, 0);
  const root: ProfileNode = { fn: -1, calls: 0, selfTime: 0, totalTime: rootTotal, children: top };
  // the report's table is sorted by self time; node indices must follow the functions
  const order = stats.map((_, i) => i).sort((a, b) => stats[b].selfTime - stats[a].selfTime);
  const remap = new Map(order.map((old, now) => [old, now]));
  const renumber = (n: ProfileNode): void => {
    if (n.fn >= 0) n.fn = remap.get(n.fn) as number;
    n.children.forEach(renumber);
  };
  renumber(root);
  return { duration: duration ?? rootTotal, functions: order.map((i) => stats[i]), root };
}

/** A Lua function's info. */
export const lua = (name: string, source: string, line: number): FunctionInfo => ({ name, what: 'Lua', source, line });
/** A host function's info. */
export const host = (name: string): FunctionInfo => ({ name, what: 'C', source: '[C]', line: -1 });
/** A main chunk's info. */
export const chunk = (source: string): FunctionInfo => ({ name: 'main chunk', what: 'main', source, line: 0 });

/** The report of a profile that recorded nothing. */
export function emptyReport(): ProfileReport {
  return { duration: 0, functions: [], root: { fn: -1, calls: 0, selfTime: 0, totalTime: 0, children: [] } };
}

/**
 * A small game loop, several dozen functions six to eight calls deep: the
 * hottest path is main chunk > run > update > physics.step > collide >
 * vec.len, and `update` has the highest total time below the main chunk and
 * `run`. One function's name holds markup that must stay text.
 */
export function gameReport(): ProfileReport {
  const fns: Record<string, FunctionInfo> = {
    main: chunk('game.lua'),
    run: lua('run', 'game.lua', 210),
    update: lua('update', 'game.lua', 40),
    render: lua('render', 'render.lua', 12),
    load: lua('load_level', 'level.lua', 5),
    step: lua('physics.step', 'physics.lua', 10),
    collide: lua('collide', 'physics.lua', 55),
    integrate: lua('integrate', 'physics.lua', 90),
    broad: lua('broadphase', 'physics.lua', 120),
    vlen: lua('vec.len', 'vec.lua', 8),
    vadd: lua('vec.add', 'vec.lua', 14),
    vsub: lua('vec.sub', 'vec.lua', 20),
    vnorm: lua('vec.normalize', 'vec.lua', 26),
    ai: lua('ai.think', 'ai.lua', 30),
    path: lua('find_path', 'ai.lua', 77),
    heap: lua('heap.push', 'heap.lua', 9),
    heappop: lua('heap.pop', 'heap.lua', 24),
    neighbours: lua('neighbours', 'ai.lua', 140),
    anon: lua('?', 'ai.lua', 160),
    sprite: lua('draw_sprite', 'render.lua', 44),
    text: lua('draw_text', 'render.lua', 80),
    layout: lua('layout', 'ui.lua', 3),
    measure: lua('measure_text', 'ui.lua', 61),
    tween: lua('tween.update', 'tween.lua', 18),
    easing: lua('easing.out_quad', 'tween.lua', 70),
    parse: lua('parse_map', 'level.lua', 33),
    evil: lua('<script>window.__pwned = 1</script>', 'level.lua', 99),
    sqrt: host('sqrt'),
    floor: host('floor'),
    insert: host('insert'),
    remove: host('remove'),
    format: host('format'),
    gsub: host('gsub'),
    gmatch: host('gmatch'),
    sort: host('sort'),
    pairs: host('pairs'),
    next: host('next'),
    ipairs: host('ipairs'),
    tostring: host('tostring'),
    byte: host('byte'),
    concat: host('concat'),
    print: host('print'),
    clock: host('clock'),
  };
  const tree: Call[] = [
    ['main', 1, 1.2, [
      ['load', 1, 2.5, [
        ['parse', 1, 6.1, [['gmatch', 40, 2.2], ['byte', 900, 3.4], ['tostring', 120, 0.6], ['evil', 3, 0.9, [['insert', 30, 0.3]]]]],
        ['insert', 200, 0.8],
      ]],
      ['run', 1, 3.0, [
        ['clock', 600, 0.9],
        ['update', 600, 8.4, [
          ['step', 600, 12.0, [
            ['broad', 600, 9.5, [['sort', 600, 11.2, [['vsub', 5000, 3.1]]], ['floor', 9000, 2.3]]],
            ['collide', 4800, 21.5, [
              ['vlen', 19000, 24.0, [['sqrt', 19000, 7.5]]],
              ['vsub', 19000, 9.8],
              ['vnorm', 2100, 2.9, [['vlen', 2100, 2.7, [['sqrt', 2100, 0.5]]]]],
            ]],
            ['integrate', 600, 7.7, [['vadd', 12000, 6.3]]],
          ]],
          ['ai', 600, 4.1, [
            ['path', 60, 5.9, [
              ['heap', 3000, 4.4, [['insert', 3000, 0.9]]],
              ['heappop', 2900, 6.2, [['remove', 2900, 1.0]]],
              ['neighbours', 2900, 3.3, [['anon', 11600, 2.8, [['vadd', 11600, 3.9]]], ['ipairs', 2900, 0.7]]],
            ]],
          ]],
          ['tween', 600, 2.0, [['easing', 4200, 1.9], ['pairs', 600, 0.2], ['next', 4800, 0.8]]],
        ]],
        ['render', 600, 5.6, [
          ['sprite', 24000, 14.2, [['floor', 48000, 3.9]]],
          ['text', 1800, 3.1, [
            ['layout', 1800, 2.2, [['measure', 5400, 3.6, [['gsub', 5400, 4.4], ['byte', 5400, 1.1]]]]],
            ['format', 1800, 2.5],
            ['concat', 1800, 0.9],
          ]],
        ]],
      ]],
      ['print', 3, 0.4],
    ]],
  ];
  // the script ran 0.8 ms outside any call the profiler saw
  return buildReport(fns, tree, 232.1);
}

/** A recursion `depth` calls deep whose time is all in the innermost call. */
export function recursionReport(depth: number): ProfileReport {
  const root: ProfileNode = { fn: -1, calls: 0, selfTime: 0, totalTime: 1, children: [] };
  let node = root;
  for (let i = 0; i < depth; i++) {
    const child: ProfileNode = { fn: 0, calls: 1, selfTime: i === depth - 1 ? 1 : 0, totalTime: 1, children: [] };
    node.children.push(child);
    node = child;
  }
  const fn = { name: 'rec', what: 'Lua' as const, source: 'r.lua', line: 1, calls: depth, selfTime: 1, totalTime: 1 };
  return { duration: 1, functions: [fn], root };
}
