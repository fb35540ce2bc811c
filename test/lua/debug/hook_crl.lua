-- call, return and line events interleaved, with the depth of the stack
local log = {}
local function depth()
  local d = 0
  while debug.getinfo(d + 3, "S") do d = d + 1 end
  return d
end
local function hook(ev, line)
  local t = debug.getinfo(2, "nS")
  local where = line or (t.what == "C" and "C:" or "") .. tostring(t.name)
  log[#log + 1] = string.rep(" ", depth()) .. ev .. " " .. where
end

local function square(x)
  return x * x
end
local function sum(n)
  local s = 0
  for i = 1, n do
    s = s + square(i)
  end
  return s
end

debug.sethook(hook, "crl")
local r = sum(2)
debug.sethook()
for _, l in ipairs(log) do print(l) end
print("result", r)
