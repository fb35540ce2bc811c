-- getinfo option 't': istailcall
local function probe(label)
  local t = debug.getinfo(2, "tnS")
  print(label, t.istailcall, t.name, t.what)
end

local function viaTail()
  return probe("tail")     -- probe's caller frame is gone; level 2 is main
end

local function report()
  local t = debug.getinfo(1, "t")
  return t.istailcall
end

local function callsNormally()
  local r = report()
  return r
end

local function callsTail()
  return report()
end

print("normal", callsNormally())
print("tail", callsTail())
print("parenthesized", (function() return (report()) end)())
print("main", debug.getinfo(1, "t").istailcall)
print("function value", debug.getinfo(report, "t").istailcall)
viaTail()
-- "return pcall(report)": report is called by pcall, not by a tail call
local function viaPcall()
  return pcall(report)
end
print("pcall", viaPcall())
-- level 2 of a tail-called function is its caller's caller
local function deep() return debug.getinfo(2, "n").name end
local function mid() return deep() end
local function top() local n = mid(); return n end
print("name at level 2", top())
