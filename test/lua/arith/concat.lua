-- concatenation and number-to-string coercion
print("a" .. "b", "a" .. 1, 1 .. "a", 1 .. 2, 1.0 .. "", -0.0 .. "", 1e100 .. "")
print(math.type(1 .. 2), type(1 .. 2))
print(2^63 .. "", math.mininteger .. "", 0.1 .. "")
print("x" .. "y" .. "z" .. 1 .. 2.5)
print(#("ab" .. "cd"), ("" .. "") == "")
local s = ""
for i = 1, 5 do s = s .. i end
print(s)
print(pcall(function() return "a" .. {} end))
print(pcall(function() return {} .. "a" end))
print(pcall(function() return "a" .. nil end))
print(pcall(function() return true .. "a" end))
print(pcall(function() local t = {}; return "a" .. t end))
print(pcall(function() local t = {x = {}}; return t.x .. "a" end))
print(pcall(function() return 1 .. print end))
