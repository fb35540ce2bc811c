-- getinfo without options: every field except activelines; fields of each option
local function keys(t)
  local r = {}
  for k in pairs(t) do r[#r + 1] = k end
  table.sort(r)
  return table.concat(r, " ")
end

local function f(a, b) return a end
print("default, function", keys(debug.getinfo(f)))
print("default, level", keys(debug.getinfo(1)))
print("default, C", keys(debug.getinfo(print)))
for _, opt in ipairs({ "n", "S", "l", "t", "u", "f", "r", "L", "" }) do
  print("option " .. string.format("%q", opt), keys(debug.getinfo(1, opt)))
end
print("all letters", keys(debug.getinfo(1, "nSltufrL")))
print("repeated letters", keys(debug.getinfo(1, "llSS")))

-- the values of a default getinfo on a Lua function
local t = debug.getinfo(f)
print("values", t.what, t.short_src, t.linedefined, t.lastlinedefined, t.currentline,
  t.nups, t.nparams, t.isvararg, t.istailcall, t.name, t.namewhat, t.func == f,
  t.ftransfer, t.ntransfer)
-- option 'r' outside a hook: nothing is being transferred
local function g(...)
  local r = debug.getinfo(1, "r")
  return r.ftransfer, r.ntransfer
end
print("r outside hook", g(1, 2, 3))
