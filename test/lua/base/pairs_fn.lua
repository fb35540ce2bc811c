-- pairs returns next, the table and nil
local t = {}
local f, s, c = pairs(t)
print(f == next, s == t, c)
local keys = {}
for k, v in pairs({x = 1, y = 2, z = 3, 10, 20}) do keys[#keys + 1] = tostring(k) .. ":" .. v end
table.sort(keys)
print(table.concat(keys, " "))
print(pcall(pairs))
print(pcall(function() for _ in pairs(1) do end end))
