/**
 * No standard library function lets a host fault reach a script: called
 * with random argument lists drawn from edge values (the extreme integers,
 * ±0.0, nan, ±inf, empty and binary strings, numeric strings, format and
 * pattern strings, tables whose metamethods raise or return nonsense,
 * functions, coroutines live and dead, files, booleans, nil), every library
 * function, and the iterators and functions they return, either returns or
 * raises a Lua error (or stops at a limit). A JavaScript exception escaping
 * from one (TypeError, RangeError, "Cannot mix BigInt..."), or a Lua error
 * whose message is a JavaScript message, fails the test and names the call.
 *
 * Seeded, so a failure reproduces; files live in an in-memory platform.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { Lua, LuaError, LuaExit, LuaLimitError, memoryPlatform } from '../../src/index.js';

const SEED = 0x51ab;
const CALLS = 100_000;

/** Messages that are JavaScript's, not Lua's. */
const JS_MESSAGE = /Cannot (read|mix|convert|set)|is not a function|is not iterable|undefined|Maximum call stack|Invalid (array|string|typed array) length|RangeError|TypeError|BigInt|NaN is not|out of memory:/;

/** Functions that would wait for input, end the state or change what later calls see. */
const EXCLUDED = new Set(['debug.sethook', 'debug.debug', 'io.read', 'io.lines', 'collectgarbage']);

const SETUP = `
local dead = coroutine.create(function() end) coroutine.resume(dead)
local errco = coroutine.create(function() error("x") end) coroutine.resume(errco)
local hostile = setmetatable({}, {
  __index = function() error("index") end, __newindex = function() error("newindex") end,
  __len = function() return 2^53 end, __tostring = function() return {} end, __name = "hostile",
  __eq = function() error("eq") end, __lt = function() return nil end, __le = function() error("le") end,
  __call = function(...) return ... end, __concat = function() return 1 end, __close = function() end,
  __pairs = function() return function() error("pairs") end end,
  __add = function() return {} end, __unm = function() error("unm") end,
})
local weird = setmetatable({1, 2, 3}, {__len = function() return math.maxinteger end, __index = function(t, k) return k end})
local f = io.open("/data.txt", "w") f:write("12 0x10 abc\\nline two\\n") f:close()
local closed = io.open("/data.txt") closed:close()
VALS = {
  math.mininteger, math.maxinteger, 0, 1, -1, 2, 255, 256, 2^31, 2^53, 2^63, -2^63,
  0.0, -0.0, 0/0, 1/0, -1/0, 3.5, -3.5, 1e308, 5e-324, 0.1,
  "", "a", "abc", "\\0\\255\\128", "10", "0x10", " 12 ", "1e999", "%", "%d", "%s%s%s", "%99999d",
  "(", "[a-", "%f[%w]", "(()", "%b()", ".-", string.rep("a", 300), "\\u{10FFFF}", "\\xF4\\x90\\x80\\x80",
  "n", "a", "l", "L", "*a", "set", "cur", "end", "full", "no", "line", "r", "w", "rb", "k", "v", "kv",
  {}, {1, 2, 3}, {n = 2, 1, nil, 3}, hostile, weird, setmetatable({}, {__mode = "k"}),
  print, function() end, function(...) return ... end, function() error("f") end, function() error() end,
  coroutine.create(function() coroutine.yield(1) end), dead, errco, coroutine.running(),
  io.stdout, io.stdin, closed, true, false, nil,
}
NVALS = 80
FN, NAMES = {}, {}
local function add(name, fn) if type(fn) == "function" then FN[#FN + 1] = fn NAMES[#NAMES + 1] = name end end
for _, lib in ipairs{"_G", "string", "table", "math", "utf8", "coroutine", "os", "io", "debug"} do
  local t = lib == "_G" and _G or _G[lib]
  local keys = {}
  for k in pairs(t) do if type(k) == "string" then keys[#keys + 1] = k end end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local name = lib == "_G" and k or lib .. "." .. k
    if not EXCLUDED[name] then add(name, t[k]) end
  end
end
for _, m in ipairs{"close", "flush", "lines", "read", "seek", "setvbuf", "write"} do
  local file = io.open("/data.txt", "r+")
  add("file:" .. m, function(...) return file[m](file, ...) end)
end
-- functions that library functions return
add("gmatch iterator", string.gmatch("a1b2", "%a%d"))
add("gmatch iterator (anchored)", string.gmatch("aaa", "^a"))
add("pairs iterator", (pairs({a = 1, 2})))
add("ipairs iterator", (ipairs({})))
add("utf8.codes iterator", (utf8.codes("h\\u{E9}")))
add("coroutine.wrap function", coroutine.wrap(function(...) while true do coroutine.yield(...) end end))
add("string.gmatch on a hostile", function(...) return string.gmatch(..., "x")() end)
add("file lines iterator", io.open("/data.txt"):lines("n", "l", 2))
add("load result", (load("return ...")))
`;

/** What is wrong with an exception from a library call, or undefined when it is a Lua error, a limit or os.exit. */
function classify(e: unknown): string | undefined {
  if (e instanceof LuaLimitError || e instanceof LuaExit) return undefined;
  if (e instanceof LuaError) return JS_MESSAGE.test(e.luaMessage) ? `Lua error with a host message: ${e.luaMessage}` : undefined;
  return `host exception ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
}

test('the check itself: a host fault, raw or turned into a message, is caught', () => {
  const lua = new Lua({ sandbox: 'none' });
  lua.set('faulty', () => (undefined as unknown as { x: number }).x);
  let raw: unknown;
  try { lua.run('faulty()'); } catch (e) { raw = e; }
  assert.match(classify(raw) ?? '', /^host exception TypeError/);
  let wrapped: unknown;
  try { lua.run('local ok, e = pcall(faulty) error(e, 0)'); } catch (e) { wrapped = e; }
  assert.match(classify(wrapped) ?? '', /^Lua error with a host message/);
  let fine: unknown;
  try { lua.run('error("bad argument #1 to \'x\'")'); } catch (e) { fine = e; }
  assert.equal(classify(fine), undefined);
});

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('library functions raise Lua errors, never host faults, whatever their arguments', { timeout: 300_000 }, () => {
  const lua = new Lua({
    sandbox: 'none', platform: memoryPlatform(), stdout: () => undefined, stderr: () => undefined,
    limits: { instructions: 200_000, memory: 64 * 2 ** 20, time: 2000 },
  });
  lua.set('EXCLUDED', Object.fromEntries([...EXCLUDED].map((n) => [n, true])));
  lua.run(SETUP);
  const names = lua.toJS<string[]>(lua.get('NAMES'), { deep: true });
  const nvals = lua.get<number>('NVALS');
  const invoke = lua.load(`
    local fi, n, a, b, c, d = ...
    return FN[fi](table.unpack({VALS[a], VALS[b], VALS[c], VALS[d]}, 1, n))
  `);
  const r = rng(SEED);
  const faults: string[] = [];
  const describe = (fi: number, args: number[]): string =>
    `${names[fi - 1]}(${args.map((a) => lua.run<string>(`local v = VALS[${a}] return type(v) == "string" and ("%q"):format(v) or tostring(v)`)).join(', ')})`;
  let luaErrors = 0;
  for (let call = 0; call < CALLS && faults.length < 10; call++) {
    const fi = 1 + Math.floor(r() * names.length);
    const n = Math.floor(r() * 5);
    const args = [0, 0, 0, 0].map(() => 1 + Math.floor(r() * nvals));
    try {
      invoke(fi, n, ...args);
    } catch (e) {
      if (e instanceof LuaError && !(e instanceof LuaLimitError)) luaErrors++;
      const fault = classify(e);
      if (fault !== undefined) faults.push(`${describe(fi, args.slice(0, n))}: ${fault}`);
    }
  }
  console.log(`${CALLS} calls of ${names.length} functions: ${luaErrors} Lua errors`);
  assert.deepEqual(faults, []);
  assert.ok(names.length > 130, `only ${names.length} functions`);
  assert.ok(luaErrors > CALLS / 10, `only ${luaErrors} Lua errors: the arguments are too tame`);
});
