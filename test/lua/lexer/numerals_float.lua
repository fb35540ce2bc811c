-- float numerals
local function show(x) print(math.type(x), string.format("%.17g", x)) end
show(1.0) show(.5) show(5.) show(3.14159) show(1e10) show(1e-3)
show(1E+2) show(2e-0) show(0.1e1)
show(1e308) show(1e309) show(-1e309) show(1e-400)
show(0x1p4) show(0x.8) show(0x1.8p1) show(0xA.8p0) show(0x1P-2)
show(0x.1p4) show(0xFp+1) show(0x1p-1074) show(0x1p1024)
show(123456789012345678901234567890)
print(1e15, 1e16, 2^53, 2^63, 0.1, 1/3, -0.0, 100.0)
