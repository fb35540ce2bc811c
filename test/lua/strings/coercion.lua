-- number <-> string coercions
print("10" + 5, "3" * "4", 10 .. 20, "0x10" + 0, " 7 " * 1)
print(math.type("10" + 5), math.type("10.0" + 5), math.type("1e1" + 0))
print(10 == "10", "10" + 0 == 10)
print(#tostring(12), tostring(1e15), tostring(1e16))
print(("5"):rep(3), pcall(function() return (5):rep(2) end))
