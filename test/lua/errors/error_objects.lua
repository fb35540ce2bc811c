-- error objects of any type pass through pcall unchanged
local t = {code = 1}
local ok, e = pcall(error, t)
print(ok, e == t, e.code)
print(pcall(error, 12))
print(pcall(error, 1.5))
print(pcall(error, true))
print(pcall(error, false))
print(pcall(error, nil))
local ok2, f = pcall(error, print)
print(ok2, f == print)
local co = coroutine.create(function() end)
local ok3, c = pcall(error, co)
print(ok3, c == co)
-- numbers are not given position information
print(pcall(function() error(7) end))
print(select("#", pcall(error)))
