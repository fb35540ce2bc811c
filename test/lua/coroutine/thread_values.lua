-- threads are values: comparable, usable as keys
local a = coroutine.create(print)
local b = coroutine.create(print)
print(a == a, a == b, type(a))
local t = {[a] = "a", [b] = "b"}
print(t[a], t[b])
print(tostring(a):match("^thread: ") ~= nil)
print(select(2, coroutine.running()))
