-- integer numerals
local function show(x) print(math.type(x), string.format("%q", x)) end
show(0) show(123) show(0x10) show(0XfF) show(0xA)
show(9223372036854775807)
show(-9223372036854775807 - 1)
show(9223372036854775808)        -- overflows to float
show(-9223372036854775808)       -- float, then negated
show(18446744073709551615)
show(0xFFFFFFFFFFFFFFFF)         -- hex wraps around
show(0x7FFFFFFFFFFFFFFF)
show(0x8000000000000000)
show(0x10000000000000000)        -- wraps to 0
show(0x1234567890ABCDEF0)
show(00012)
show(1e2) show(1E2)
