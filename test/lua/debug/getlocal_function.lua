-- getlocal with a function argument: only parameter names, no values
local function params(f)
  local r = {}
  local i = 1
  while true do
    local name, value = debug.getlocal(f, i)
    if name == nil then break end
    r[#r + 1] = name
    i = i + 1
  end
  return #r .. ": " .. table.concat(r, " ")
end

print("three", params(function(a, b, c) local d = 1 return d end))
print("none", params(function() local x = 1 return x end))
print("vararg", params(function(x, ...) local y = 1 return y end))
print("method", params(load("local t = {} function t:m(p) end return t.m")()))
print("C function", params(print))
print("main chunk", params(load("local a = 1 return a")))
print("results of one call", select("#", debug.getlocal(function(a) end, 1)))
print("negative index", debug.getlocal(function(...) end, -1))
print("index 0", debug.getlocal(function(a) end, 0))
print("past end", debug.getlocal(function(a) end, 2))
