-- hexadecimal floats and exponents
local function show(x) print(math.type(x), string.format("%.17g", x), string.format("%a", x)) end
show(0x1p0) show(0x1P+1) show(0x1p-1) show(0x10p-4) show(0xA.Bp2) show(0x.1) show(0xFF.FF)
show(0x1.fffffffffffffp1023) show(0x1p-1022) show(0x0.0000000000001p-1022)
show(0x1e2) show(0xe2) show(0x1p99999)
print(0x1p4 == 16, 0x.8 == 0.5, math.type(0x10), math.type(0x10p0))
print(load("return 0x1.8e")(), load("return 0x1p+"))
