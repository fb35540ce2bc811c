-- keys of every type
local co = coroutine.create(print)
local f = function() end
local t = {}
t[1] = "int"; t[1.5] = "float"; t["s"] = "string"; t[true] = "true"; t[false] = "false"
t[t] = "table"; t[f] = "function"; t[co] = "thread"; t[print] = "cfunction"
t[math.maxinteger] = "maxint"; t[math.mininteger] = "minint"; t[math.huge] = "inf"; t[-math.huge] = "-inf"
print(t[1], t[1.5], t.s, t[true], t[false], t[t], t[f], t[co], t[print])
print(t[math.maxinteger], t[math.mininteger], t[1/0], t[-1/0])
local n = 0
for _ in pairs(t) do n = n + 1 end
print("keys", n)
t[1.5] = nil; t[true] = nil
n = 0
for _ in pairs(t) do n = n + 1 end
print("keys", n)
print(rawlen(t), rawlen("abcd"))
