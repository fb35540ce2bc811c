-- a == (a // b) * b + a % b for integers
local vals = {0, 1, -1, 2, -2, 3, -3, 7, -7, 100, -100, math.maxinteger, math.mininteger, math.mininteger + 1}
local bad = 0
local checked = 0
for _, a in ipairs(vals) do
  for _, b in ipairs(vals) do
    if b ~= 0 then
      local q, r = a // b, a % b
      checked = checked + 1
      if q * b + r ~= a then bad = bad + 1; print("mismatch", a, b, q, r) end
      if r ~= 0 and (r < 0) ~= (b < 0) then bad = bad + 1; print("sign", a, b, r) end
    end
  end
end
print("checked", checked, "bad", bad)
print(7 // -3, 7 % -3, -7 // 3, -7 % 3, math.mininteger // 3, math.mininteger % 3)
