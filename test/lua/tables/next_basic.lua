-- next and pairs visit every key exactly once
local t = {10, 20, 30, a = 1, b = 2, c = 3, [1.5] = "f", [true] = "t"}
local keys = {}
for k, v in pairs(t) do keys[#keys + 1] = tostring(k) .. "=" .. tostring(v) end
table.sort(keys)
print(table.concat(keys, " "))
local count, k = 0, nil
repeat k = next(t, k); if k ~= nil then count = count + 1 end until k == nil
print("count", count)
print(next({}), next({}, nil))
print(next({5}))
print(pcall(next, {}, "nokey"))
print(pcall(next, {a = 1}, "b"))
print(pcall(next))
print(pcall(next, 1))
-- array part is traversed in order first
local order = {}
for k in pairs({"a", "b", "c", "d"}) do order[#order + 1] = k end
print(table.concat(order, ","))
for i, v in ipairs({"a", "b", nil, "d"}) do io.write(i, v, " ") end print()
