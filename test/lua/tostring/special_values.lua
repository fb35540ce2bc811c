-- tostring of non-numbers
print(tostring(nil), tostring(true), tostring(false), tostring("str"))
print(tostring(print):match("^function: ") ~= nil, tostring(print):match("^function: builtin") ~= nil)
print(tostring({}):match("^table: ") ~= nil)
print(tostring(function() end):match("^function: ") ~= nil)
print(tostring(coroutine.create(print)):match("^thread: ") ~= nil)
local t = {}
print(tostring(t) == tostring(t), tostring(t) ~= tostring({}))
print(pcall(tostring))
print(select("#", tostring(1, 2)))
print(tostring(-0.0), tostring(1/0), tostring(-1/0))
