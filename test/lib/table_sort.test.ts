// Property tests of table.sort (and insert/remove/move/unpack on random
// operations): sorting random arrays with consistent comparators sorts them;
// inconsistent or erroring comparators end with a clean Lua error or some
// order, never a hang, a JS exception or lost elements.
import test from 'node:test';
import assert from 'node:assert/strict';
import { prng, runLua } from '../helpers.js';


function randomArrays(seed: number, count: number, maxLen: number): string {
  const rnd = prng(seed);
  const arrays: string[] = [];
  for (let k = 0; k < count; k++) {
    const n = Math.floor(rnd() * maxLen);
    const range = 1 + Math.floor(rnd() * (rnd() < 0.5 ? 5 : 1000));
    const vals: string[] = [];
    for (let i = 0; i < n; i++) {
      const v = Math.floor(rnd() * range);
      vals.push(rnd() < 0.1 ? `${v}.5` : String(v));
    }
    arrays.push(`{${vals.join(',')}}`);
  }
  return `{${arrays.join(',\n')}}`;
}

/** Lua helpers shared by the properties: copy, multiset equality, sortedness. */
const LUA_HELPERS = `
local function copy(t) local c = {} for i = 1, #t do c[i] = t[i] end return c end
local function counts(t) local m = {} for i = 1, #t do m[t[i]] = (m[t[i]] or 0) + 1 end return m end
local function sameElems(a, b)
  if #a ~= #b then return false end
  local ca, cb = counts(a), counts(b)
  for k, v in pairs(ca) do if cb[k] ~= v then return false end end
  return true
end
local function isSorted(t, lt)
  for i = 2, #t do if lt(t[i], t[i - 1]) then return false end end
  return true
end
local failures = 0
local function fail(...) failures = failures + 1; if failures < 5 then print('FAIL', ...) end end
`;

test('consistent comparators sort random arrays', () => {
  const r = runLua(`${LUA_HELPERS}
    local arrays = ${randomArrays(1, 300, 400)}
    local comps = {
      {nil, function(a, b) return a < b end},
      {function(a, b) return a < b end, function(a, b) return a < b end},
      {function(a, b) return a > b end, function(a, b) return a > b end},
    }
    for k, arr in ipairs(arrays) do
      for _, c in ipairs(comps) do
        local t = copy(arr)
        table.sort(t, c[1])
        if not isSorted(t, c[2]) then fail('unsorted', k) end
        if not sameElems(t, arr) then fail('lost elements', k) end
      end
    end
    print('failures', failures)`);
  assert.equal(r.error, undefined);
  assert.equal(r.out, 'failures\t0\n');
});

test('inconsistent comparators end cleanly and keep the elements', () => {
  const r = runLua(`${LUA_HELPERS}
    local arrays = ${randomArrays(2, 200, 300)}
    local seed = 12345
    local function coin() seed = (seed * 1103515245 + 12345) % 2147483648; return seed % 2 == 0 end
    local comps = {
      function() return true end,
      function() return false end,
      function(a, b) return a <= b end,
      function(a, b) return a ~= b end,
      function() return coin() end,
      function(a, b) if coin() then return a < b else return b < a end end,
    }
    local invalid, ok = 0, 0
    for k, arr in ipairs(arrays) do
      for ci, c in ipairs(comps) do
        local t = copy(arr)
        local st, err = pcall(table.sort, t, c)
        if st then ok = ok + 1
        elseif err == 'invalid order function for sorting' then invalid = invalid + 1
        else fail('unexpected error', k, ci, tostring(err)) end
        if not sameElems(t, arr) then fail('lost elements', k, ci) end
      end
    end
    print('failures', failures, invalid > 0, ok > 0)`);
  assert.equal(r.error, undefined);
  assert.equal(r.out, 'failures\t0\ttrue\ttrue\n');
});

test('a comparator error propagates as is and leaves a usable state', () => {
  const r = runLua(`${LUA_HELPERS}
    local arrays = ${randomArrays(3, 100, 200)}
    for k, arr in ipairs(arrays) do
      local calls, stop = 0, 1 + (k * 37) % 50
      local t = copy(arr)
      local st, err = pcall(table.sort, t, function(a, b)
        calls = calls + 1
        if calls == stop then error({at = calls}) end
        return a < b
      end)
      if st then
        if calls >= stop then fail('no error', k) end
      elseif type(err) ~= 'table' or err.at ~= stop then fail('wrong error', k, tostring(err)) end
      if not sameElems(t, arr) then fail('lost elements', k) end
      table.sort(t)
      if not isSorted(t, function(a, b) return a < b end) then fail('state unusable', k) end
    end
    -- inside a coroutine: still yieldable after a failed sort
    local co = coroutine.wrap(function()
      pcall(table.sort, {3, 2, 1}, function() error('x') end)
      pcall(table.sort, {3, 2, 1}, function() coroutine.yield() end)
      return coroutine.isyieldable()
    end)
    print('failures', failures, co())`);
  assert.equal(r.error, undefined);
  assert.equal(r.out, 'failures\t0\ttrue\n');
});

test('adversarial shapes sort without deep recursion', () => {
  const r = runLua(`${LUA_HELPERS}
    local n = 100000
    local shapes = {
      sorted = function(i) return i end,
      reversed = function(i) return n - i end,
      equal = function() return 7 end,
      organ = function(i) return i <= n // 2 and i or n - i end,
      saw = function(i) return i % 100 end,
      twovalues = function(i) return i % 2 end,
    }
    local names = {}
    for name in pairs(shapes) do names[#names + 1] = name end
    table.sort(names)
    for _, name in ipairs(names) do
      local t = {}
      for i = 1, n do t[i] = shapes[name](i) end
      table.sort(t)
      if not isSorted(t, function(a, b) return a < b end) then fail(name) end
      table.sort(t, function(a, b) return a > b end)
      if not isSorted(t, function(a, b) return a > b end) then fail(name, 'desc') end
    end
    print('failures', failures)`);
  assert.equal(r.error, undefined);
  assert.equal(r.out, 'failures\t0\n');
});

test('insert/remove/move/unpack agree with a JS model on random operations', () => {
  const rnd = prng(4);
  const model: number[] = [];
  const ops: string[] = [];
  for (let k = 0; k < 3000; k++) {
    const c = rnd();
    const n = model.length;
    if (c < 0.35) {
      const pos = 1 + Math.floor(rnd() * (n + 1));
      model.splice(pos - 1, 0, k);
      ops.push(`table.insert(t, ${pos}, ${k})`);
    } else if (c < 0.5) {
      model.push(k);
      ops.push(`table.insert(t, ${k})`);
    } else if (c < 0.8 && n > 0) {
      const pos = 1 + Math.floor(rnd() * n);
      model.splice(pos - 1, 1);
      ops.push(`table.remove(t, ${pos})`);
    } else if (c < 0.9 && n > 0) {
      model.pop();
      ops.push('table.remove(t)');
    } else if (n > 1) {
      const f = 1 + Math.floor(rnd() * n), e = f + Math.floor(rnd() * Math.min(20, n - f + 1));
      const to = 1 + Math.floor(rnd() * (n - (e - f))); // stays inside 1..n: the array does not grow
      const seg = model.slice(f - 1, e);
      for (let i = 0; i < seg.length; i++) model[to - 1 + i] = seg[i];
      ops.push(`table.move(t, ${f}, ${e}, ${to})`);
    }
  }
  const r = runLua(`local t = {}\n${ops.join('\n')}\nprint(#t, table.concat(t, ','))\nprint(select('#', table.unpack(t)))`);
  assert.equal(r.error, undefined);
  assert.equal(r.out, `${model.length}\t${model.join(',')}\n${model.length}\n`);
});
