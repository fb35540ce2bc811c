-- nesting calls through C functions (pcall, metamethods) to moderate depth works
local function nest(n) if n == 0 then return "bottom" end local ok, v = pcall(nest, n - 1); return v end
print(nest(150))
local mt = {}
mt.__index = function(t, k) if k > 0 then return setmetatable({}, mt)[k - 1] end return "meta bottom" end
print(setmetatable({}, mt)[100])
-- very deep C nesting is an error, not a crash
local function cnest(n) return pcall(cnest, n + 1) end
local ok = pcall(cnest, 1)
print("deep C nesting survived", type(ok))
local ok2, e = pcall(string.gsub, "x", "x", function() return select(2, pcall(error, "in callback")) end)
print(ok2, e)
