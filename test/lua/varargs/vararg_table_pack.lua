-- table.pack/table.unpack with nils
local function roundtrip(...)
  local p = table.pack(...)
  return p.n, table.unpack(p, 1, p.n)
end
print(roundtrip())
print(roundtrip(nil))
print(roundtrip(1, nil, 3, nil))
print(table.unpack({1, 2, 3}, -1, 1))
print(table.unpack({}, 1, 0))
print(pcall(table.unpack, {}, 1, 1e8))
print(table.unpack({"a", "b"}, 2, 1))
