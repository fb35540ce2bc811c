-- line hooks: function definitions, calls into functions, tail calls, varargs
local lines = {}
local function hook(_, line) lines[#lines + 1] = line end

debug.sethook(hook, "l")
local function f(x)
  local y = x * 2
  return y
end

local function g(...)
  local n = select("#", ...)
  return n
end

local function t(x)
  return f(x)
end

local v = f(1)
local w = g(1, 2, 3)
local u = t(5)
local obj = {
  m = function(self)
    return self
  end,
}
obj:m()
debug.sethook()
print("lines", table.concat(lines, " "))

-- a function defined and called on a single line
lines = {}
debug.sethook(hook, "l")
local k = (function() return 1 end)()
debug.sethook()
print("one-line function", table.concat(lines, " "))
