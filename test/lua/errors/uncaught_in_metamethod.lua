-- uncaught error inside a metamethod
local t = setmetatable({}, {__index = function(_, k) error("missing key: " .. k) end})
print("before")
print(t.answer)
