-- getinfo option 'L': activelines (lines with code), printed sorted
local function lines(f)
  local t = debug.getinfo(f, "L").activelines
  if t == nil then return "nil" end
  local r = {}
  for k, v in pairs(t) do r[#r + 1] = k .. "=" .. tostring(v) end
  table.sort(r, function(a, b) return tonumber(a:match("%d+")) < tonumber(b:match("%d+")) end)
  return table.concat(r, " ")
end

local function normal(x)
  local y = x + 1

  -- comment
  if y > 2 then
    y = y * 2
  end
  return y
end

local function vararg(...)
  local n = select("#", ...)
  return n
end

local function empty() end

local function multiline(a,
                         b)
  return a
    +
    b
end

print("normal", lines(normal))
print("vararg", lines(vararg))
print("empty", lines(empty))
print("multiline", lines(multiline))
print("C function", lines(print))
print("loaded main", lines(load("local a = 1\n\nreturn a\n")))
print("loaded vararg main", lines(load("return ...")))
print("vararg main line 2", lines(load("\n\nreturn ...\n")))
-- at a level, together with 'f'
local t = debug.getinfo(1, "fL")
print("main has func", type(t.func), type(t.activelines))
