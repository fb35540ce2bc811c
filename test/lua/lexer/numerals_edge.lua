-- decimal integer overflow turns the literal into a float; hex integers wrap
local function show(s)
  local v = load("return " .. s)()
  print(s, math.type(v), string.format("%q", v))
end
show("9223372036854775807") show("9223372036854775808") show("-9223372036854775808")
show("10000000000000000000") show("0x7fffffffffffffff") show("0xffffffffffffffff")
show("0x1ffffffffffffffff") show("0x8000000000000001") show("1e18") show("1000000000000000000")
show("1.0e0") show("00.5") show("0x00ff") show("3e0") show("0.0") show("-0")
show("math.mininteger") show("-9223372036854775807 - 1")
