-- varargs cannot be captured directly; copy them into a table or locals
local function bind(f, ...)
  local args = table.pack(...)
  return function(...)
    local all = {table.unpack(args, 1, args.n)}
    local n = args.n
    for i = 1, select("#", ...) do all[n + i] = (select(i, ...)) end
    return f(table.unpack(all, 1, n + select("#", ...)))
  end
end
local add3 = bind(function(a, b, c) return a + b + c end, 1, 2)
print(add3(3))
local show = bind(print, "x", nil)
show(nil, "y")
local function va(...)
  local a, b = ...
  return function() return a, b end
end
print(va(5, 6, 7)())
