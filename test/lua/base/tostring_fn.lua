-- tostring on every basic value
print(tostring(nil), tostring(false), tostring(true), tostring(0), tostring(-0.0), tostring(1e300 * 10))
print(tostring("s"), tostring(12345678901234567890), tostring(2^63 // 1))
print(tostring({}):find("^table: ") ~= nil, tostring(print):find("^function: ") ~= nil)
print(pcall(tostring))
print(tostring(nil, "extra"))
