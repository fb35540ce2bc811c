-- and / or / not return operands, short-circuit
print(1 and 2, nil and 2, false and 2, 1 or 2, nil or 2, false or nil, nil or false)
print(not nil, not false, not 0, not "", not {})
print(0 and "zero is true", "" and "empty is true")
local calls = 0
local function f(v) calls = calls + 1; return v end
local _ = f(false) and f(1)
local _ = f(1) or f(2)
print("calls", calls)
local x = nil
print(x and x.y or "default")
print((f(nil)) == nil, select("#", f(nil) or nil))
local a, b = 1, nil
print(a and b, b and a, a or b, b or a)
print(1 == 1 and "eq" or "ne", 1 == 2 and "eq" or "ne")
print(false == nil, not not nil)
