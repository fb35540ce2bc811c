-- many arguments and results
local t = {}
for i = 1, 250 do t[i] = i end
local function count(...) return select("#", ...) end
print(count(table.unpack(t)))
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...)) end
  return s
end
print(sum(table.unpack(t)))
local big = {}
for i = 1, 10000 do big[i] = i end
print(count(table.unpack(big)))
print(select(-1, table.unpack(big)))
local packed = table.pack(table.unpack(big))
print(packed.n, packed[10000])
print(string.char(table.unpack({72, 105})))
print(math.max(table.unpack(big)))
