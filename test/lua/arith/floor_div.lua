-- // floors, for integers and floats
local cases = {{7, 2}, {-7, 2}, {7, -2}, {-7, -2}, {6, 3}, {-6, 3}, {0, 5}, {1, 3}, {-1, 3},
  {7.0, 2}, {-7.0, 2}, {7, -2.0}, {-7.5, 2}, {7.5, -2}, {0.0, 1}, {-0.0, 1}, {1, -1e308}}
for _, c in ipairs(cases) do
  local a, b = c[1], c[2]
  local r = a // b
  print(string.format("%q // %q = %q (%s)", a, b, r, math.type(r)))
end
print(math.mininteger // -1, math.mininteger // 1)
print(math.maxinteger // -1, math.mininteger // -1.0)
local n1, n2 = 0 // 0.0, 0.0 // 0
print(1 // 0.0, -1 // 0.0, n1 ~= n1, n2 ~= n2)
print(pcall(function() return 1 // 0 end))
print(pcall(function() local z = 0; return 1 // z end))
