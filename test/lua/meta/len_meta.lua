-- __len
local t = setmetatable({1, 2, 3}, {__len = function(self) return 42 end})
print(#t, rawlen(t))
local s = setmetatable({}, {__len = function() return "not a number" end})
print(#s)
local m = setmetatable({}, {__len = function() return 1, 2 end})
print(#m)
print(pcall(function() return #nil end))
print(pcall(function() return #5 end))
print(pcall(function() local n = 1; return #n end))
print(pcall(function() return #print end))
-- the length of a string is primitive
print(#"abc")
