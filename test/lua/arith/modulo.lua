-- % has the sign of the divisor (floor semantics)
local cases = {{7, 3}, {-7, 3}, {7, -3}, {-7, -3}, {6, 3}, {-6, 3}, {0, 3},
  {7.5, 2}, {-7.5, 2}, {7.5, -2}, {-7.5, -2}, {5.0, 3}, {-5, 3.0}, {0.3, 0.1},
  {3, math.huge}, {-3, math.huge}, {3, -math.huge}, {-3, -math.huge}, {math.huge, 3},
  {-0.0, 1}, {0.0, -1}, {6.0, -3}, {-6.0, 3}}
for _, c in ipairs(cases) do
  local a, b = c[1], c[2]
  local r = a % b
  print(string.format("%q %% %q = %q (%s)", a, b, r, math.type(r)))
end
print(math.mininteger % -1, math.maxinteger % -1, math.mininteger % math.maxinteger)
print(5 % math.mininteger, -5 % math.mininteger, math.mininteger % 2)
local n1, n2, n3 = 1 % 0.0, 1.0 % 0, -1 % 0.0
print(n1 ~= n1, n2 ~= n2, n3 ~= n3)
print(pcall(function() return 1 % 0 end))
print(pcall(function() local z = 0; return z % z end))
