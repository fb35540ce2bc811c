/**
 * The scripts of the examples menu. The first half shows Lua 5.4 itself;
 * the hostile half shows the sandbox at work, each with a comment at the
 * top saying what the sandbox does to it, so a visitor reads the claim and
 * then sees it happen.
 */

export interface Example {
  /** The value of its <option>, kept in localStorage and usable as #example=id. */
  id: string;
  title: string;
  /** The hostile ones are grouped apart in the menu. */
  hostile?: boolean;
  code: string;
}

export const EXAMPLES: Example[] = [
  {
    id: 'hello',
    title: 'Hello, world',
    code: `-- Real Lua 5.4, running in a Web Worker: the page stays responsive
-- whatever the script does. Ctrl+Enter (Cmd+Enter on a Mac) runs it.
print("Hello from " .. _VERSION .. "!")

-- integers and floats are distinct types, as in the reference Lua
print(7 // 2, 7 / 2, math.type(2^53), math.type(1 << 62))
print(("%d items at %.2f each = %.2f"):format(3, 1.5, 3 * 1.5))

-- warn() writes to stderr, shown in another colour
warn("@on")
warn("this is a warning")

for i, word in ipairs({ "one", "two", "three" }) do
  print(i, word:upper(), #word)
end
`,
  },
  {
    id: 'fib',
    title: 'Fibonacci and closures',
    code: `-- Recursion, closures and memoization. The Profile tab shows
-- where the time went: the naive fib dominates the flame graph.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

-- a closure that remembers what it computed
local function memoize(f)
  local cache = {}
  return function(n)
    local v = cache[n]
    if v == nil then
      v = f(n)
      cache[n] = v
    end
    return v
  end
end

local fastfib
fastfib = memoize(function(n)
  if n < 2 then return n end
  return fastfib(n - 1) + fastfib(n - 2)
end)

print("fib(24) =", fib(24))
-- filled from the bottom up, each call finds the two before it cached
for n = 1, 90 do fastfib(n) end
print("fastfib(90) =", fastfib(90))   -- 64-bit integers, no overflow yet

-- each counter has its own upvalue
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local a, b = counter(), counter()
print(a(), a(), a(), b())
`,
  },
  {
    id: 'patterns',
    title: 'String patterns',
    code: `-- Lua patterns: captures, character classes, balanced matches, frontiers.
local date = "2024-03-15"
local y, m, d = date:match("(%d+)-(%d+)-(%d+)")
print("year", y, "month", m, "day", d)

-- gmatch walks every match
local text = "The quick brown fox jumps over the lazy dog"
local long = {}
for word in text:gmatch("%a+") do
  if #word > 4 then long[#long + 1] = word end
end
print("long words:", table.concat(long, ", "))

-- gsub with a function, a table, or a replacement string
print((text:gsub("%w+", function(w) return w:sub(1, 1):upper() .. w:sub(2) end)))
print(("$name is $age"):gsub("%$(%w+)", { name = "Lua", age = "31" }))
print(("hello world"):gsub("(%w+) (%w+)", "%2 %1"))

-- %b() matches balanced parentheses, %f[%w] is a word frontier
print(("f(a, g(b, c), d) + h(e)"):match("%b()"))
print(("THE (quick) fox"):gsub("%f[%a]%u+%f[%A]", "[%0]"))

-- string.format and string.rep
print(("%-8s|%5.1f|%x"):format("left", math.pi, 255))
print(("ab"):rep(3, "-"))
`,
  },
  {
    id: 'coroutines',
    title: 'Coroutines and generators',
    code: `-- Coroutines: functions that pause (yield) and resume later.

-- a generator: coroutine.wrap turns a producer into an iterator
local function range(from, to, step)
  return coroutine.wrap(function()
    for i = from, to, step or 1 do coroutine.yield(i) end
  end)
end
local seen = {}
for i in range(1, 10, 3) do seen[#seen + 1] = i end
print("range:", table.concat(seen, " "))

-- permutations, yielded one by one instead of built in a big table
local function permutations(list)
  local function permute(n)
    if n <= 1 then
      coroutine.yield(list)
    else
      for i = 1, n do
        list[n], list[i] = list[i], list[n]
        permute(n - 1)
        list[n], list[i] = list[i], list[n]
      end
    end
  end
  return coroutine.wrap(function() permute(#list) end)
end
for p in permutations({ "a", "b", "c" }) do print(table.concat(p)) end

-- producer / consumer, passing values both ways
local producer = coroutine.create(function(greeting)
  print("producer got:", greeting)
  local reply = coroutine.yield("first item")
  print("producer got:", reply)
  return "done"
end)
print(coroutine.resume(producer, "hello"))
print(coroutine.resume(producer, "thanks"))
print(coroutine.status(producer), coroutine.resume(producer))
`,
  },
  {
    id: 'oop',
    title: 'Metatables and OOP',
    code: `-- Classes with metatables: __index for methods and inheritance,
-- operators (__add, __eq, __lt), __tostring, __call.
local Vector = {}
Vector.__index = Vector

local function new(x, y) return setmetatable({ x = x, y = y }, Vector) end
setmetatable(Vector, { __call = function(_, x, y) return new(x, y) end })

function Vector.__add(a, b) return new(a.x + b.x, a.y + b.y) end
function Vector.__eq(a, b) return a.x == b.x and a.y == b.y end
function Vector.__lt(a, b) return a:length() < b:length() end
function Vector.__tostring(v) return ("(%g, %g)"):format(v.x, v.y) end
function Vector:length() return math.sqrt(self.x ^ 2 + self.y ^ 2) end

local a, b = Vector(3, 4), Vector(1, 2)
print(a + b, a == Vector(3, 4), b < a, a:length())

-- inheritance: Animal <- Dog
local Animal = {}
Animal.__index = Animal
function Animal.new(name, sound)
  return setmetatable({ name = name, sound = sound }, Animal)
end
function Animal:speak() return self.name .. " says " .. self.sound end

local Dog = setmetatable({}, { __index = Animal })
Dog.__index = Dog
function Dog.new(name)
  local d = Animal.new(name, "woof")
  return setmetatable(d, Dog)
end
function Dog:fetch() return self.name .. " fetches the ball" end

local rex = Dog.new("Rex")
print(rex:speak())
print(rex:fetch())
print(getmetatable(rex) == Dog, rawget(rex, "speak"))

-- a read-only proxy with __newindex
local config = setmetatable({}, {
  __index = { debug = false, level = 3 },
  __newindex = function(_, k) error("config is read-only (tried to set " .. k .. ")", 2) end,
})
print(config.level, pcall(function() config.level = 9 end))
`,
  },
  {
    id: 'error',
    title: 'An error with a traceback',
    code: `-- A runtime error: the message and the traceback name the lines.
-- Click a main.lua:N link below the output to jump to that line.
local orders = {
  { item = "book", price = 12.5, qty = 2 },
  { item = "pen", price = 1.25, qty = 10 },
  { item = "lamp", qty = 1 },          -- no price: the bug
}

local function lineTotal(order)
  return order.price * order.qty
end

local function invoiceTotal(list)
  local sum = 0
  for _, order in ipairs(list) do
    sum = sum + lineTotal(order)
  end
  return sum
end

print("checking", #orders, "orders")
print("total:", invoiceTotal(orders))
`,
  },
  {
    id: 'infinite-loop',
    title: 'Infinite loop',
    hostile: true,
    code: `-- HOSTILE: an infinite loop.
-- The VM counts instructions: the loop stops at the instruction limit
-- (or the time limit, whichever comes first) with an error no script
-- can catch. The page never freezes: the script runs in a Web Worker.
-- Clear both limits and it runs until you press Stop.
local n = 0
while true do
  n = n + 1
end
`,
  },
  {
    id: 'memory-bomb',
    title: 'Memory bomb',
    hostile: true,
    code: `-- HOSTILE: memory exhaustion.
-- Every string and table is counted against the memory limit: the run
-- stops with "not enough memory" as soon as the Lua heap would pass it,
-- long before the browser tab could grow out of control.
local s = "x"
for i = 1, 40 do
  s = s .. s                    -- doubles: 2^40 bytes would be a terabyte
  print(i, #s)
end
`,
  },
  {
    id: 'table-growth',
    title: 'Memory bomb (table growth)',
    hostile: true,
    code: `-- HOSTILE: a table that grows forever.
-- The heap is counted as Lua counts it (collectgarbage("count")): the
-- run stops at the memory limit even though each step is small.
local t = {}
local i = 0
while true do
  i = i + 1
  t[i] = { i, tostring(i) }
  if i % 200000 == 0 then
    print(i, "entries", math.floor(collectgarbage("count")) .. " KB")
  end
end
`,
  },
  {
    id: 'recursion',
    title: 'Deep recursion',
    hostile: true,
    code: `-- HOSTILE: unbounded recursion.
-- Lua frames live on the heap, so this is an ordinary Lua error,
-- "stack overflow", which pcall can catch: never a crash of the page.
local function down(n)
  return 1 + down(n + 1)     -- not a tail call: every frame stays
end

print(pcall(down, 1))
print("still running after the overflow")

-- uncaught, it reaches the host with a traceback
down(1)
`,
  },
  {
    id: 'pattern',
    title: 'Catastrophic pattern',
    hostile: true,
    code: `-- HOSTILE: one library call that would take minutes.
-- Pattern matching counts its steps as instructions, so this single
-- string.find stops at the instruction limit, not minutes later.
local s = ("0123456789"):rep(5)
print("matching...")
print(s:find(".*.*.*.*.*.*.*.*.*x"))
`,
  },
  {
    id: 'pcall-loop',
    title: 'Catching the limit with pcall',
    hostile: true,
    code: `-- HOSTILE: trying to swallow the limit.
-- A limit error cannot be caught: pcall, xpcall and coroutines let it
-- through (after pending __close handlers run under a small grace
-- budget), so this stops at the instruction limit all the same.
local caught = 0
while true do
  local ok, err = pcall(function()
    while true do end
  end)
  caught = caught + 1
  print("caught?", ok, err)     -- never printed
end
`,
  },
  {
    id: 'escape',
    title: 'Reaching outside the sandbox',
    hostile: true,
    code: `-- HOSTILE: looking for a way out.
-- The 'safe' sandbox leaves io, debug, package, require, dofile,
-- loadfile and os.execute out entirely: absent, not stubbed. load
-- compiles text only, so forged bytecode cannot get in.
print("io:", io)
print("os.execute:", os.execute)
print("os.exit:", os.exit, "os.getenv:", os.getenv)
print("debug:", debug, "require:", require, "dofile:", dofile)
print("os keeps only clocks:", os.time() > 0, type(os.clock()), os.date("!%Y") ~= nil)

-- bytecode: string.dump works, but load refuses binary chunks
local chunk = string.dump(function() return "from bytecode" end)
print("load(bytecode):", load(chunk))
print("load(bytecode, 'b'):", load(chunk, "=x", "b"))

-- the string metatable is a harmless copy, not a path to the real one
getmetatable("").__index = { upper = function() return "hijacked" end }
print(("still fine"):upper())

-- text still compiles and runs
print(load("return 6 * 7")())
`,
  },
];

export const DEFAULT_EXAMPLE = 'hello';

export function findExample(id: string): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}
