-- table.move within a table (both directions) and between tables
local function show(label, t, n)
  local o = {}
  for i = 1, n do o[i] = tostring(t[i]) end
  print(label, table.concat(o, " "))
end
local a = {1, 2, 3, 4, 5}
show("right", table.move(a, 1, 3, 3), 5)
a = {1, 2, 3, 4, 5}
show("left", table.move(a, 3, 5, 1), 5)
a = {1, 2, 3, 4, 5}
show("same", table.move(a, 1, 5, 1), 5)
local b = {}
local r = table.move({1, 2, 3}, 1, 3, 2, b)
print("returns dest", r == b)
show("other", b, 4)
show("empty range", table.move({1, 2}, 2, 1, 5), 5)
local neg = table.move({1, 2, 3}, 1, 3, -1, {})
print("negative", neg[-1], neg[0], neg[1], neg[2])
local c = table.move({[math.maxinteger - 1] = "a", [math.maxinteger] = "b"}, math.maxinteger - 1, math.maxinteger, 1)
print("maxint", c[1], c[2])
local d = table.move({"x", "y"}, 1, 2, math.maxinteger - 1, {})
print("to maxint", d[math.maxinteger - 1], d[math.maxinteger])
local e = {1, 2, 3}
print("nil dest", table.move(e, 1, 2, 2, nil) == e, e[1], e[2], e[3])
print("float args", table.concat(table.move({1, 2, 3}, 1.0, 3.0, 1.0, {}), ","))
