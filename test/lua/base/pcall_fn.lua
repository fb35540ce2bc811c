-- pcall returns true plus results, or false plus the error object
print(pcall(function(...) return ... end, 1, 2, 3))
print(pcall(function() end))
print(select("#", pcall(function() end)))
print(pcall(error))
print(pcall(pcall))
print(pcall(pcall, error, "x"))
print(pcall(nil))
print(pcall(42))
print(pcall({}))
print(pcall(setmetatable({}, {__call = function(_, a) return "callable", a end}), 7))
print(pcall(pcall, pcall, error, "nested"))
-- errors do not escape pcall and the state remains usable
local n = 0
for i = 1, 100 do if not pcall(error, i) then n = n + 1 end end
print(n)
