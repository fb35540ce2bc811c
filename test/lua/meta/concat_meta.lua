-- __concat (two operands per call; avoid chains with the metamethod in the middle)
local mt = {__concat = function(a, b)
  local function s(v) return type(v) == "table" and v.s or tostring(v) end
  return s(a) .. "+" .. s(b)
end}
local X = setmetatable({s = "X"}, mt)
print(X .. "a", "a" .. X, X .. X, 1 .. X, X .. 2.5)
print("a" .. "b" .. X)
print(pcall(function() return X .. nil end))
print(pcall(function() return {} .. "a" end))
print(pcall(function() return true .. X end))
