-- strings are immutable values compared by content
local a = "hello"
local b = a
b = b .. "!"
print(a, b)
local c = "hel" .. "lo"
print(a == c, rawequal(a, c))
local t = {}
t[a] = 1
print(t[c], t["hello"])
local s = "abc"
print(pcall(function() s[1] = "x" end))
print(s:upper(), s)
local big1 = ("x"):rep(100000) .. "y"
local big2 = ("x"):rep(100000) .. "y"
print(big1 == big2, big1 < big2, #big1)
