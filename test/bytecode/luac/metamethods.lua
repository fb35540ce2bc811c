-- arithmetic with constants on either side, on a value with metamethods: the order the metamethods see must survive the translation of MMBIN, MMBINI and MMBINK
local mt = {__add = function(a, b) return "add(" .. tostring(a) .. "," .. tostring(b) .. ")" end,
            __mul = function(a, b) return "mul(" .. tostring(a) .. "," .. tostring(b) .. ")" end,
            __sub = function(a, b) return "sub(" .. tostring(a) .. "," .. tostring(b) .. ")" end,
            __shl = function(a, b) return "shl(" .. tostring(a) .. "," .. tostring(b) .. ")" end,
            __shr = function(a, b) return "shr(" .. tostring(a) .. "," .. tostring(b) .. ")" end,
            __band = function(a, b) return "band(" .. tostring(a) .. "," .. tostring(b) .. ")" end,
            __bor = function(a, b) return "bor(" .. tostring(a) .. "," .. tostring(b) .. ")" end,
            __tostring = function() return "X" end}
local x = setmetatable({}, mt)
print(x + 1, 1 + x, x - 1, 2 * x, x * 2, 2.5 + x, x + 2.5, x << 1, 1 << x, x >> 1, 3 & x, x | 4, x - 2.5)
local s = 0
for i = 1, 10 do s = s + i end
for k, v in pairs({a = 1}) do s = s + v end
local i = 0
while true do i = i + 1 if i > 5 then break end end
print(s, i, pcall(function() local y; return 1 + y end))
print(select('#', ...), debug.getinfo(1, "l").currentline)
goto done
print("skipped")
::done::
print(pcall(function() return 2 * nil end))
