-- traversal order is stable while the table is not modified
local t = {}
for i = 1, 100 do t["key" .. i] = i; t[i * 1.5] = i end
local function order(tbl)
  local out = {}
  for k in pairs(tbl) do out[#out + 1] = tostring(k) end
  return table.concat(out, ",")
end
local o1, o2 = order(t), order(t)
print(o1 == o2, #o1 > 0)
-- changing values of existing keys does not change the order
for k, v in pairs(t) do t[k] = v + 1 end
print(order(t) == o1)
-- next continues correctly from any key
local cnt = 0
local k = next(t)
while k ~= nil do cnt = cnt + 1; k = next(t, k) end
print(cnt)
