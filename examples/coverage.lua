-- coverage.lua: line coverage of a Lua script, built on debug.sethook
--
--   lua examples/coverage.lua target.lua [args...]
--
-- Runs target.lua (with the given arguments in 'arg' and '...') under a line
-- hook, then prints the target annotated like gcov does (count:line:text):
--
--        3:   12:  s = s + i         this line ran 3 times
--    #####:   13:  return nil        a line with code that never ran
--        -:   14:  -- comment        a line without code
--
-- and a summary line with the percentage of lines with code that ran.

local target = arg[1]
if not target then
  io.stderr:write("usage: lua coverage.lua target.lua [args...]\n")
  os.exit(1)
end
local chunk = assert(loadfile(target))
local source = debug.getinfo(chunk, "S").source   -- "@target.lua": marks its functions

local hits = {}   -- line number -> how many times a line event came for it
local code = {}   -- line number -> true when some function of the target has code there
local mine = {}   -- function -> true if it belongs to the target (cache)

-- Is f a function of the target? The first time we meet one, record its lines
-- with code: the keys of activelines. Lua puts an implicit 'return' on the
-- line of a function's closing 'end'; a function that always returns earlier
-- never runs it, so that line is left out (unless it ran: hits win).
local function consider(f)
  local known = mine[f]
  if known == nil then
    local info = debug.getinfo(f, "SL")
    known = info.source == source
    mine[f] = known
    if known then
      for line in pairs(info.activelines) do
        if line ~= info.lastlinedefined or line == info.linedefined then code[line] = true end
      end
    end
  end
  return known
end

-- Functions that never ran produce no events, yet their lines are code that
-- did not run. Find them among the values reachable from the target's functions
-- (their upvalues lead to its local functions, _ENV and every global table).
local visited = {}
local function walk(v)
  if visited[v] then return end
  if type(v) == "function" then
    visited[v] = true
    if not consider(v) then return end      -- follow only the target's functions
    for i = 1, math.huge do
      local name, up = debug.getupvalue(v, i)
      if name == nil then break end
      walk(up)
    end
  elseif type(v) == "table" then
    visited[v] = true
    for k, x in next, v do walk(k) walk(x) end   -- 'next': no __pairs metamethod
    walk(debug.getmetatable(v))
  end
end

-- The hook, for "line" and "return" events: count line events of the target's
-- functions. Level 2 is the function running the line (level 1 is the hook
-- itself). When the main chunk returns, its locals still hold the local
-- functions nobody else refers to.
local function hook(event, line)
  local f = debug.getinfo(2, "f").func
  if not consider(f) then return end
  if event == "line" then
    hits[line] = (hits[line] or 0) + 1
  elseif f == chunk then
    for i = 1, math.huge do
      local name, value = debug.getlocal(2, i)
      if name == nil then break end
      walk(value)
    end
  end
end

-- Hooks belong to a thread: a coroutine does not run the hook of the thread
-- that created it. Each new coroutine installs the hook itself, first thing.
local create, wrap = coroutine.create, coroutine.wrap
local function hooked(f)
  return function(...) debug.sethook(hook, "lr") return f(...) end
end
coroutine.create = function(f) return create(hooked(f)) end
coroutine.wrap = function(f) return wrap(hooked(f)) end

-- Run the target as 'lua target.lua args...' would. On an error, report it and
-- still print the coverage of what ran (then exit with status 1).
_G.arg = table.move(arg, 1, #arg, 0, {})
debug.sethook(hook, "lr")
local ok, err = xpcall(chunk, debug.traceback, table.unpack(arg, 1))
debug.sethook()
if not ok then io.stderr:write("coverage: ", tostring(err), "\n") end
coroutine.create, coroutine.wrap = create, wrap
local seen = {}   -- walk adds to 'mine': copy its keys before walking from them
for f, isMine in pairs(mine) do if isMine then seen[#seen + 1] = f end end
walk(chunk)
for _, f in ipairs(seen) do walk(f) end

-- The listing, then the summary.
local total, ran, n = 0, 0, 0
for text in io.lines(target) do
  n = n + 1
  local mark = "-"
  if hits[n] then
    mark, total, ran = tostring(hits[n]), total + 1, ran + 1
  elseif code[n] then
    mark, total = "#####", total + 1
  end
  io.write(string.format("%9s:%5d:%s\n", mark, n, text))
end
print(string.format("%s: %d of %d lines with code ran (%.1f%%)",
  target, ran, total, total > 0 and 100 * ran / total or 100))
if not ok then os.exit(1) end
