-- tonumber without base
local function show(s)
  local v = tonumber(s)
  print(string.format("%q", s), v, math.type(v))
end
for _, s in ipairs{"10", "  10  ", "\t\n10\r\f\v", "-10", "+10", "10.5", ".5", "5.", "1e3", "1E-2",
  "0x10", "0X1f", "-0x10", "0x1p4", "0x.8", "0xA.8P1", "1e", "", " ", "abc", "10a", "1 0", "0x",
  "inf", "nan", "1e500", "-1e500", "9223372036854775807", "9223372036854775808",
  "-9223372036854775808", "0xffffffffffffffff", "0x1ffffffffffffffff", "1.", "- 1", "--1", "0b101",
  "1_000", "\0" .. "1", "1\0"} do
  show(s)
end
print(tonumber(10), tonumber(1.5), tonumber(nil), tonumber({}), tonumber(true))
print(pcall(tonumber))
