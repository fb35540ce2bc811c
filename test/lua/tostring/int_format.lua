-- integers print as integers
for _, v in ipairs{0, 1, -1, 42, 1000000, 1e15 // 1, 2^53 // 1, math.maxinteger, math.mininteger,
  0x10, 0xff, -0x80, 1 << 62} do
  print(v, tostring(v), v .. "", math.type(v))
end
print(tostring(3) == "3", tostring(3.0) == "3.0", tostring(-0) == "0")
