-- load with a reader function
local parts = {"return ", "1 ", "+ ", "41"}
local i = 0
local f = load(function() i = i + 1; return parts[i] end)
print(f())
i = 0
print(load(function() i = i + 1; if i == 1 then return "return 'x'" end return "" end)())
print(type(load(function() return nil end)))
print(pcall(load(function() return nil end)))
-- (errors raised while reading are caught by load and returned as messages)
print(pcall(load, function() return {} end))
print(pcall(load, function() error("reader failed") end))
local calls = 0
local f2 = load(function() calls = calls + 1; if calls == 1 then return "return 'one piece'" end end)
print(f2(), calls)
local chars = {}
for c in ("return 'char by char'"):gmatch(".") do chars[#chars + 1] = c end
local k = 0
print(load(function() k = k + 1; return chars[k] end)())
