-- __pairs
local t = setmetatable({real = 1}, {__pairs = function(self)
  local i = 0
  return function(_, k) i = i + 1; if i <= 3 then return i, "virtual" .. i end end, self, nil
end})
for k, v in pairs(t) do print(k, v) end
for k, v in next, t do print("next sees", k, v) end
-- __pairs returning extra values: only three are used
local u = setmetatable({}, {__pairs = function() return function() return nil end, 1, 2, 3 end})
for k in pairs(u) do print("never") end
print(pcall(function() for k in pairs(nil) do end end))
print(pcall(pairs))
-- ipairs respects __index (no __ipairs in 5.4)
local proxy = setmetatable({}, {__index = function(_, i) if i <= 3 then return i * 10 end end})
for i, v in ipairs(proxy) do print("ipairs", i, v) end
