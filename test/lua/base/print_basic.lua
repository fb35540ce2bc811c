-- print separates with tabs and ends with a newline; uses tostring
print()
print(nil)
print(1, 2.0, "three", true, false, nil)
print("a\0b")
print("", "")
print(setmetatable({}, {__tostring = function() return "via __tostring" end}))
local old = tostring
tostring = function() return "overridden" end
print(1, "x")   -- print does not call the global tostring in 5.4
tostring = old
print(select("#", print("returns nothing")))
