-- line hooks: several statements on one line, expressions and calls spanning lines
local lines
local function hook(_, line) lines[#lines + 1] = line end
local function run(label, f)
  lines = {}
  debug.sethook(hook, "l")
  f()
  debug.sethook()
  print(label, table.concat(lines, " "))
end
local function id(...) return ... end

run("one line", function()
  local a = 1; local b = 2; local c = a + b; return c
end)

run("call spanning lines", function()
  local r = id(
    1,
    2,
    3
  )
  return r
end)

run("expression spanning lines", function()
  local x = 10
  local y = x
    + 1
    * x
  return y
end)

run("method chain", function()
  local s = ("abc")
    :upper()
    :lower()
  return s
end)

run("if elseif else", function()
  local v = 2
  if v == 1 then
    v = 10
  elseif v == 2 then
    v = 20
  else
    v = 30
  end
  return v
end)

run("and/or over lines", function()
  local a, b = nil, 2
  local r = a
    or b
    and 3
  return r
end)
