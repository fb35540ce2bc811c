-- inconsistent comparators: "invalid order function for sorting" or some order
print(pcall(table.sort, {1, 2, 3, 4, 5}, function(a, b) return true end))
local t = {5, 1, 4, 2, 3}
print(pcall(table.sort, t, function(a, b) return a <= b end))
print(table.concat(t, ","))
local u = {}
for i = 1, 100 do u[i] = i % 3 end
print(pcall(table.sort, u, function(a, b) return a <= b end))
local v = {}
for i = 1, 200 do v[i] = (i * 17) % 23 end
local ok = pcall(table.sort, v, function(a, b) return a ~= b end)
print("ne", ok)
local w = {}
for i = 1, 50 do w[i] = 50 - i end
print(pcall(table.sort, w, function(a, b) return false end))
print(w[1], w[50])
-- NaN makes '<' inconsistent
local n = {3, 0/0, 1, 0/0, 2}
print(pcall(table.sort, n))
