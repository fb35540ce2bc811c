-- Field and method lookups through chains of __index tables, mixed with
-- __index functions, shadowing, non-string keys and the loop limit.
local A = { greet = function(self) return "A:" .. self.name end, kind = "A" }
A.__index = A
local B = setmetatable({ kind = "B" }, A)
B.__index = B
local C = setmetatable({}, B)
C.__index = C
local obj = setmetatable({ name = "o" }, C)
print(obj.kind, obj:greet(), obj.missing, rawget(obj, "kind"))
rawset(C, "kind", "C")
print(obj.kind)
B.greet = function(self) return "B:" .. self.name end
print(obj:greet())

-- a function at the end of the chain
local D = setmetatable({}, { __index = function(t, k) return "fn:" .. tostring(k) end })
local E = setmetatable({}, { __index = D })
local o2 = setmetatable({}, { __index = E })
print(o2.x, o2[1], o2[2.5], o2.y)

-- non-string keys through the same chains
local F = setmetatable({ [1] = "one", [true] = "yes" }, {})
local o3 = setmetatable({}, { __index = F })
print(o3[1], o3[true], o3[2])
local mt = { __index = F }
print(setmetatable({}, mt)[1])

-- method call on a key that is not a constant
local name = "gr" .. "eet"
print(obj[name](obj))

-- a metatable whose __index is not a table or function
local bad = setmetatable({}, { __index = 42 })
print(pcall(function() return bad.field end))
local strs = setmetatable({}, { __index = "abc" })
print(pcall(function() return type(strs.len) end))

-- a loop in the chain
local L1, L2 = {}, {}
setmetatable(L1, { __index = L2 })
setmetatable(L2, { __index = L1 })
print(pcall(function() return L1.anything end))
print(pcall(function() return L1:method() end))
