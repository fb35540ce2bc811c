/**
 * The low-level API mirrors the Lua C API: stack manipulation, push/to,
 * tables, operators, references, upvalues and the registry behave as
 * lapi.c / lauxlib.c do.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LuaApi, LuaArith, LuaCompare, LuaStatus, LuaType, newApiState } from '../../src/lowlevel.js';
import { checkedState, run, stackOf } from './lowlevel-helpers.js';

function ints(api: LuaApi, ...ns: number[]): void {
  for (const n of ns) api.pushInteger(n);
}

test('getTop, setTop, absIndex and pop follow the C rules', () => {
  const { api } = checkedState();
  assert.equal(api.getTop(), 0);
  ints(api, 10, 20, 30);
  assert.equal(api.getTop(), 3);
  assert.equal(api.absIndex(-1), 3);
  assert.equal(api.absIndex(-3), 1);
  assert.equal(api.absIndex(2), 2);
  assert.equal(api.absIndex(LuaApi.REGISTRYINDEX), LuaApi.REGISTRYINDEX);
  api.setTop(5);
  assert.deepEqual(stackOf(api), ['10', '20', '30', 'nil', 'nil']);
  api.setTop(-3); // keep up to the third from the top
  assert.deepEqual(stackOf(api), ['10', '20', '30']);
  api.pop(2);
  assert.deepEqual(stackOf(api), ['10']);
});

test('rotate, insert, remove, replace and copy match the C macros', () => {
  const { api } = checkedState();
  ints(api, 1, 2, 3, 4, 5);
  api.rotate(2, 1);
  assert.deepEqual(stackOf(api), ['1', '5', '2', '3', '4']);
  api.rotate(2, -1);
  assert.deepEqual(stackOf(api), ['1', '2', '3', '4', '5']);
  api.rotate(-2, 1);
  assert.deepEqual(stackOf(api), ['1', '2', '3', '5', '4']);
  api.insert(1);
  assert.deepEqual(stackOf(api), ['4', '1', '2', '3', '5']);
  api.remove(2);
  assert.deepEqual(stackOf(api), ['4', '2', '3', '5']);
  api.replace(1);
  assert.deepEqual(stackOf(api), ['5', '2', '3']);
  api.copy(1, -1);
  assert.deepEqual(stackOf(api), ['5', '2', '5']);
  api.pushValue(2);
  assert.deepEqual(stackOf(api), ['5', '2', '5', '2']);
});

test('push and to functions convert as the C API does', () => {
  const { api } = checkedState();
  api.pushNil();
  api.pushBoolean(false);
  api.pushInteger(42);
  api.pushNumber(1);
  api.pushString('10');
  api.pushString('0x10');
  api.pushInteger(2n ** 62n);
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 8].map((i) => api.type(i)),
    [LuaType.NIL, LuaType.BOOLEAN, LuaType.NUMBER, LuaType.NUMBER, LuaType.STRING, LuaType.STRING, LuaType.NUMBER, LuaType.NONE],
  );
  assert.equal(api.typeName(api.type(8)), 'no value');
  assert.equal(api.toBoolean(1), false);
  assert.equal(api.toBoolean(3), true);
  assert.equal(api.toBoolean(8), false);
  assert.equal(api.isInteger(3), true);
  assert.equal(api.isInteger(4), false, 'pushNumber always pushes a float');
  assert.equal(api.toInteger(4), 1, 'a float with an integral value converts');
  assert.equal(api.toInteger(5), 10, 'numeric strings convert');
  assert.equal(api.toNumber(6), 16);
  assert.equal(api.toInteger(7), 2n ** 62n, 'beyond 2^53 integers are bigints');
  assert.equal(api.toInteger(1), undefined);
  assert.equal(api.toNumber(2), undefined);
  assert.equal(api.isNumber(5), true, 'lua_isnumber accepts numeric strings');
  assert.equal(api.isString(3), true, 'lua_isstring accepts numbers');
  assert.equal(api.isNoneOrNil(8), true);
  assert.equal(api.isNone(1), false);
  api.pushNumber(1.5);
  assert.equal(api.toInteger(-1), undefined, 'no exact integer value');
});

test('toString converts numbers in place, like lua_tolstring', () => {
  const { api } = checkedState();
  api.pushInteger(5);
  api.pushNumber(2);
  assert.equal(api.toString(1), '5');
  assert.equal(api.type(1), LuaType.STRING);
  assert.equal(api.toString(2), '2.0');
  assert.equal(api.toString(LuaApi.REGISTRYINDEX), undefined);
});

test('strings: host strings are UTF-8, bytes are raw', () => {
  const { api } = checkedState();
  api.pushString('héllo €');
  assert.equal(api.rawLen(-1), 10, 'length in UTF-8 bytes');
  assert.equal(api.toString(-1), 'héllo €');
  assert.deepEqual([...api.toBytes(-1)!.slice(0, 3)], [0x68, 0xc3, 0xa9]);
  api.pushBytes(new Uint8Array([0x61, 0xff, 0x62]));
  assert.equal(api.toByteString(-1), 'a\xffb');
  assert.equal(api.toString(-1), 'a\ufffdb', 'invalid UTF-8 decodes lossily');
  api.pushByteString('\xe2\x82\xac');
  assert.equal(api.toString(-1), '€');
  api.setGlobal('s');
  assert.deepEqual(run(api, 'return #s, s == "€"'), ['3', 'true']);
});

test('light userdata compare by host value; full userdata carry a payload and user values', () => {
  const { api } = checkedState();
  const token = { id: 1 };
  api.pushLightUserdata(token);
  api.pushLightUserdata(token);
  api.pushLightUserdata({ id: 1 });
  assert.equal(api.rawEqual(1, 2), true);
  assert.equal(api.rawEqual(1, 3), false);
  assert.equal(api.toUserdata(1), token);
  assert.equal(api.type(1), LuaType.LIGHTUSERDATA);
  assert.equal(api.isUserdata(1), true);
  const u = api.newUserdata({ x: 7 }, 2);
  assert.equal(api.type(-1), LuaType.USERDATA);
  assert.deepEqual(api.toUserdata(-1), { x: 7 });
  assert.equal(u.data, api.toUserdata(-1));
  api.pushString('uv');
  assert.equal(api.setIUserValue(-2, 2), true);
  assert.equal(api.getIUserValue(-1, 2), LuaType.STRING);
  assert.equal(api.toString(-1), 'uv');
  assert.equal(api.getIUserValue(-2, 3), LuaType.NONE);
  assert.equal(api.toPointer(1), api.toPointer(2));
  assert.notEqual(api.toPointer(1), api.toPointer(3));
  assert.equal(api.toPointer(-3), api.toPointer(-3));
});

test('tables: fields, integer keys, raw access and globals', () => {
  const { api } = checkedState();
  api.createTable(2, 2);
  api.pushString('v');
  api.setField(1, 'k');
  api.pushInteger(100);
  api.setI(1, 1);
  api.pushString('key');
  api.pushBoolean(true);
  api.setTable(1);
  assert.equal(api.getField(1, 'k'), LuaType.STRING);
  assert.equal(api.toString(-1), 'v');
  assert.equal(api.getI(1, 1), LuaType.NUMBER);
  assert.equal(api.toInteger(-1), 100);
  api.pushString('key');
  assert.equal(api.getTable(1), LuaType.BOOLEAN);
  assert.equal(api.rawGetI(1, 2), LuaType.NIL);
  api.pushString('k');
  assert.equal(api.rawGet(1), LuaType.STRING);
  assert.equal(api.rawLen(1), 1);
  api.setTop(1);
  api.setGlobal('t');
  assert.deepEqual(run(api, 'return t.k, t[1], t.key'), ['v', '100', 'true']);
  assert.equal(api.getGlobal('t'), LuaType.TABLE);
  api.pushGlobalTable();
  api.rawGetI(LuaApi.REGISTRYINDEX, LuaApi.RIDX_GLOBALS);
  assert.equal(api.rawEqual(-1, -2), true, 'registry[RIDX_GLOBALS] is the global table');
});

test('get/set honour __index and __newindex; raw access bypasses them', () => {
  const { api } = checkedState();
  run(api, `
    log = {}
    proxy = setmetatable({}, {
      __index = function(_, k) return 'idx:' .. tostring(k) end,
      __newindex = function(_, k, v) log[#log + 1] = k .. '=' .. v end })`);
  api.getGlobal('proxy');
  api.getField(1, 'a');
  api.getI(1, 3);
  assert.deepEqual(stackOf(api).slice(1), ['idx:a', 'idx:3']);
  api.pushString('x');
  api.setField(1, 'b');
  api.pushString('raw');
  api.rawSetI(1, 9);
  assert.deepEqual(run(api, 'return #log, log[1], rawget(proxy, 9)'), ['1', 'b=x', 'raw']);
});

test('next iterates a table like lua_next', () => {
  const { api } = checkedState();
  run(api, 't = {10, 20, x = "a"}');
  api.getGlobal('t');
  api.pushNil();
  const seen: string[] = [];
  while (api.next(1)) {
    const k = api.toDisplayString(-2); // pushes a string: the value is now at -2
    const v = api.toDisplayString(-2);
    seen.push(`${k}=${v}`);
    api.pop(3); // the two display strings and the value; the key stays for the next step
  }
  assert.deepEqual(seen.sort(), ['1=10', '2=20', 'x=a']);
  assert.equal(api.getTop(), 1, 'next pops the key at the end');
});

test('concat, len, arith and compare with and without metamethods', () => {
  const { api } = checkedState();
  api.pushString('a');
  api.pushInteger(1);
  api.pushNumber(2);
  api.concat(3);
  assert.equal(api.toString(-1), 'a12.0');
  api.concat(0);
  assert.equal(api.toString(-1), '');
  api.setTop(0);
  run(api, `V = setmetatable({}, {
    __concat = function(a, b) return 'cat' end, __len = function() return 42 end,
    __add = function(a, b) return 'added' end, __lt = function() return true end,
    __le = function() return false end, __eq = function() return true end })
    W = setmetatable({}, getmetatable(V))`);
  api.getGlobal('V');
  api.pushString('x');
  api.concat(2);
  assert.equal(api.toString(-1), 'cat');
  api.pop(1);
  api.getGlobal('V');
  api.len(-1);
  assert.equal(api.toInteger(-1), 42);
  assert.equal(api.lenOf(1), 42);
  api.pop(1);
  api.pushInteger(7);
  api.arith(LuaArith.ADD);
  assert.equal(api.toString(-1), 'added');
  api.setTop(0);
  const arith = (a: number, b: number, op: number): string => {
    api.pushInteger(a);
    if (op !== LuaArith.UNM && op !== LuaArith.BNOT) api.pushInteger(b);
    api.arith(op);
    const s = api.toDisplayString(-1);
    api.pop(2);
    return s;
  };
  assert.equal(arith(7, 2, LuaArith.IDIV), '3');
  assert.equal(arith(7, 2, LuaArith.DIV), '3.5');
  assert.equal(arith(7, 2, LuaArith.MOD), '1');
  assert.equal(arith(2, 10, LuaArith.POW), '1024.0');
  assert.equal(arith(7, 0, LuaArith.UNM), '-7');
  assert.equal(arith(0, 0, LuaArith.BNOT), '-1');
  assert.equal(arith(1, 4, LuaArith.SHL), '16');
  assert.equal(api.getTop(), 0);
  api.pushInteger(1);
  api.pushNumber(2);
  assert.equal(api.compare(1, 2, LuaCompare.LT), true);
  assert.equal(api.compare(2, 1, LuaCompare.LE), false);
  assert.equal(api.compare(1, 1, LuaCompare.EQ), true);
  assert.equal(api.compare(1, 9, LuaCompare.EQ), false, 'an invalid index compares false');
  api.getGlobal('V');
  api.getGlobal('W');
  assert.equal(api.compare(3, 4, LuaCompare.EQ), true, '__eq');
  assert.equal(api.rawEqual(3, 4), false);
  assert.equal(api.compare(3, 4, LuaCompare.LT), true, '__lt');
  assert.equal(api.compare(3, 4, LuaCompare.LE), false, '__le');
});

test('ref and unref use the registry with luaL_ref semantics (free keys reused)', () => {
  const { api } = checkedState();
  const R = LuaApi.REGISTRYINDEX;
  api.pushString('first');
  const r1 = api.ref(R);
  api.pushString('second');
  const r2 = api.ref(R);
  assert.notEqual(r1, r2);
  assert.equal(api.getTop(), 0, 'ref pops the value');
  api.rawGetI(R, r1);
  assert.equal(api.toString(-1), 'first');
  api.pop(1);
  api.unref(R, r1);
  api.pushString('third');
  const r3 = api.ref(R);
  assert.equal(r3, r1, 'a freed reference is reused');
  api.rawGetI(R, r2);
  api.rawGetI(R, r3);
  assert.deepEqual(stackOf(api), ['second', 'third']);
  api.pushNil();
  assert.equal(api.ref(R), LuaApi.REFNIL);
  api.unref(R, LuaApi.REFNIL); // no effect
  // refs in an ordinary table start at 1
  api.newTable();
  api.pushBoolean(true);
  assert.equal(api.ref(-2), 1);
});

test('registry and upvalue pseudo-indices of host functions', () => {
  const { api } = checkedState();
  api.pushString('stored');
  api.setField(LuaApi.REGISTRYINDEX, 'myhost.key');
  api.getField(LuaApi.REGISTRYINDEX, 'myhost.key');
  assert.equal(api.toString(-1), 'stored');
  api.pop(1);
  const up = LuaApi.upvalueIndex;
  api.pushInteger(0);
  api.pushString('counter');
  api.pushFunction((L) => {
    const n = Number(L.toInteger(up(1))) + 1;
    L.pushInteger(n);
    L.replace(up(1));
    L.pushValue(up(2));
    L.pushInteger(n);
    L.concat(2);
    assert.equal(L.type(up(3)), LuaType.NONE, 'an upvalue past the last is "none" (acceptable index)');
    return 1;
  }, 'count', 2);
  api.setGlobal('count');
  assert.deepEqual(run(api, 'return count(), count(), count()'), ['counter1', 'counter2', 'counter3']);
});

test('a host function sees its arguments at 1..n and returns the values on top', () => {
  const { api } = checkedState();
  api.pushFunction((L) => {
    const n = L.getTop();
    L.checkStack(n);
    for (let i = n; i >= 1; i--) L.pushValue(i);
    return n;
  }, 'reverse');
  api.setGlobal('reverse');
  assert.deepEqual(run(api, 'return reverse(1, "two", 3)'), ['3', 'two', '1']);
  assert.deepEqual(run(api, 'return select("#", reverse())'), ['0']);
});

test('the 20-slot guarantee: a host function may push LUA_MINSTACK values without checkStack', () => {
  const { api } = checkedState();
  api.pushFunction((L) => {
    const n = Number(L.checkInteger(1));
    if (n > 19 && !L.toBoolean(2)) {
      for (let i = 0; i < n; i++) L.pushInteger(i); // overflows the guarantee when n > 20 - 1 (the argument holds one slot? no: room is above the arguments)
      return n;
    }
    if (n > 20) L.ensureStack(n, 'too many');
    for (let i = 0; i < n; i++) L.pushInteger(i);
    return n;
  }, 'many');
  api.setGlobal('many');
  assert.deepEqual(run(api, 'return select("#", many(20))'), ['20']);
  assert.deepEqual(run(api, 'return select("#", many(500, true))'), ['500']);
  assert.throws(() => run(api, 'return many(21)'), /no room for 1 more value; use checkStack\) in pushInteger/);
  assert.equal(api.getTop(), 0);
  // at top level, the base frame has the same 20 slots
  for (let i = 0; i < LuaApi.MINSTACK; i++) api.pushInteger(i);
  assert.throws(() => api.pushNil(), /no room/);
  assert.equal(api.checkStack(10), true);
  for (let i = 0; i < 10; i++) api.pushNil();
  assert.equal(api.getTop(), 30);
  assert.equal(api.checkStack(10_000_000), false, 'beyond the thread limit');
});

test('auxiliary argument checks give the reference messages', () => {
  const { api } = checkedState();
  api.pushFunction((L) => {
    const a = L.checkInteger(1);
    const s = L.optString(2, 'dflt');
    const opt = L.checkOption(3, 'one', ['one', 'two']);
    L.pushString(`${a}:${s}:${opt}`);
    return 1;
  }, 'f');
  api.setGlobal('f');
  assert.deepEqual(run(api, 'return f(1), f(2.0, "x", "two")'), ['1:dflt:0', '2:x:1']);
  assert.match(run(api, 'return select(2, pcall(f, "z"))')[0], /^bad argument #1 to 'f' \(number expected, got string\)$/);
  assert.match(run(api, 'return select(2, pcall(f, 1.5))')[0], /bad argument #1 to 'f' \(number has no integer representation\)/);
  assert.match(run(api, 'return select(2, pcall(f, 1, {}, "three"))')[0], /bad argument #2 to 'f' \(string expected, got table\)/);
  assert.match(run(api, 'return select(2, pcall(f, 1, nil, "three"))')[0], /bad argument #3 to 'f' \(invalid option 'three'\)/);
  api.pushFunction((L) => L.raiseError('custom failure'), 'failer');
  api.setGlobal('failer');
  assert.deepEqual(run(api, 'local ok, e = pcall(function() failer() end) return e'), ['[string "local ok, e = pcall(function() failer() end) ..."]:1: custom failure']);
});

test('metatables by name: newMetatable, setMetatableByName, checkUdata and testUdata', () => {
  const { api } = checkedState();
  assert.equal(api.newMetatable('Point'), true);
  api.pushFunction((L) => {
    const p = L.checkUdata(1, 'Point').data as { x: number };
    L.pushNumber(p.x);
    return 1;
  }, 'getx');
  api.setField(-2, 'getx');
  api.pushValue(-1);
  api.setField(-2, '__index');
  api.pop(1);
  assert.equal(api.newMetatable('Point'), false, 'already there');
  api.pop(1);
  api.pushFunction((L) => {
    L.newUserdata({ x: L.checkNumber(1) });
    L.setMetatableByName('Point');
    return 1;
  }, 'Point');
  api.setGlobal('Point');
  assert.deepEqual(run(api, 'local p = Point(2.5) return p:getx(), tostring(p):match("^Point: ") ~= nil'), ['2.5', 'true']);
  assert.match(run(api, 'return select(2, pcall(Point(1).getx, {}))')[0], /bad argument #1 to '\?' \(Point expected, got table\)$/);
  api.newTable();
  assert.equal(api.testUdata(-1, 'Point'), undefined);
});

test('load reports syntax errors and respects the mode; dump-free binary rejection', () => {
  const { api } = checkedState();
  assert.equal(api.load('return 1 +', '=bad'), LuaStatus.ERRSYNTAX);
  assert.match(api.toString(-1)!, /^bad:1: unexpected symbol near <eof>/);
  api.pop(1);
  assert.equal(api.load(new Uint8Array([0x1b, 0x4c, 0x75, 0x61]), '=bin', 't'), LuaStatus.ERRSYNTAX);
  assert.match(api.toString(-1)!, /attempt to load a binary chunk \(mode is 't'\)/);
  api.pop(1);
  assert.equal(api.load('return ...', '=ok'), LuaStatus.OK);
  api.pushInteger(3);
  api.call(1, 1);
  assert.equal(api.toInteger(-1), 3);
});

test('pcall: message handlers, results, and the host exception behind an error', () => {
  const { api } = checkedState();
  api.pushFunction((L) => {
    L.pushString(`handled: ${L.toString(1)}`);
    return 1;
  }, 'handler');
  api.loadString('error("oops", 0)');
  assert.equal(api.pcall(0, 0, 1), LuaStatus.ERRRUN);
  assert.equal(api.toString(-1), 'handled: oops');
  assert.equal(api.lastHostError(), undefined);
  api.setTop(0);
  const boom = new TypeError('boom');
  api.pushFunction(() => { throw boom; }, 'thrower');
  assert.equal(api.pcall(0, 0), LuaStatus.ERRRUN);
  assert.equal(api.toString(-1), 'boom');
  assert.equal(api.lastHostError(), boom);
  api.setTop(0);
  api.loadString('return 1, 2, 3');
  assert.equal(api.pcall(0, LuaApi.MULTRET), LuaStatus.OK);
  assert.deepEqual(stackOf(api), ['1', '2', '3']);
});

test('getMetatable and setMetatable, including type metatables', () => {
  const { api } = checkedState();
  api.newTable();
  assert.equal(api.getMetatable(1), false);
  api.newTable();
  api.pushString('meta!');
  api.setField(-2, '__name');
  api.setMetatable(1);
  assert.equal(api.getMetatable(1), true);
  api.getField(-1, '__name');
  assert.equal(api.toString(-1), 'meta!');
  api.setTop(0);
  api.pushInteger(1);
  api.newTable();
  api.pushFunction((L) => { L.pushString('number method'); return 1; }, 'm');
  api.setField(-2, 'describe');
  api.pushValue(-1);
  api.setField(-2, '__index');
  api.setMetatable(1);
  assert.deepEqual(run(api, 'return (5):describe()'), ['number method']);
  api.pushNil();
  api.setMetatable(1);
  assert.equal(api.getMetatable(1), false);
});

test('getSubTable, setFuncs, newLib and requireF', () => {
  const { api } = checkedState();
  api.requireF('mylib', (L) => {
    L.newLib({
      twice: (M) => { M.pushInteger(Number(M.checkInteger(1)) * 2); return 1; },
      name: (M) => { M.pushString(M.toString(LuaApi.upvalueIndex(1)) ?? 'none'); return 1; },
    });
    return 1;
  }, true);
  api.pop(1);
  assert.deepEqual(run(api, 'return mylib.twice(21), package.loaded.mylib == mylib, mylib.name()'), ['42', 'true', 'none']);
  api.newTable();
  api.pushString('up');
  api.setFuncs({ name: (M) => { M.pushValue(LuaApi.upvalueIndex(1)); return 1; } }, 1);
  api.setGlobal('withUp');
  assert.deepEqual(run(api, 'return withUp.name()'), ['up']);
  api.pushGlobalTable();
  assert.equal(api.getSubTable(-1, 'fresh'), false);
  assert.equal(api.getSubTable(-2, 'fresh'), true);
  assert.equal(api.rawEqual(-1, -2), true);
});

test('traceback, where and toDisplayString', () => {
  const { api } = checkedState();
  api.pushFunction((L) => {
    L.traceback(L, 'msg', 1);
    L.where(1);
    return 2;
  }, 'tb');
  api.setGlobal('tb');
  const [tb, where] = run(api, 'local function inner() return tb() end\nreturn inner()');
  assert.match(tb, /^msg\nstack traceback:\n\t\[string "local function inner\(\) return tb\(\) end\.\.\."\]:1: in /);
  assert.equal(where, '[string "local function inner() return tb() end..."]:1: ');
  api.newTable();
  assert.match(api.toDisplayString(-1), /^table: 0x[0-9a-f]+$/);
});

test('stringToNumber and typeName', () => {
  const api = newApiState({ checked: true, libs: 'none' });
  assert.equal(api.stringToNumber('0x10'), 5);
  assert.equal(api.toInteger(-1), 16);
  assert.equal(api.stringToNumber('nope'), 0);
  assert.equal(api.getTop(), 1);
  assert.deepEqual([-1, 0, 1, 2, 3, 4, 5, 6, 7, 8].map((t) => api.typeName(t)),
    ['no value', 'nil', 'boolean', 'userdata', 'number', 'string', 'table', 'function', 'userdata', 'thread']);
  assert.equal(api.getGlobal('print'), LuaType.NIL, "libs: 'none' opens nothing");
  api.openLibs(['_G']);
  assert.equal(api.getGlobal('print'), LuaType.FUNCTION);
});
