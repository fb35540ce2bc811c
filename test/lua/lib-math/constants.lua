-- math constants and their subtypes
print(math.pi, math.type(math.pi))
print(math.huge, -math.huge, math.type(math.huge))
print(math.maxinteger, math.type(math.maxinteger))
print(math.mininteger, math.type(math.mininteger))
print(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)
print(math.maxinteger + 0.0, math.mininteger + 0.0)
print(math.huge > math.maxinteger, -math.huge < math.mininteger)
-- every function of the 5.4 manual (the reference may also have 5.3 compat ones)
local names = {"abs", "acos", "asin", "atan", "ceil", "cos", "deg", "exp", "floor", "fmod",
  "log", "max", "min", "modf", "rad", "random", "randomseed", "sin", "sqrt", "tan",
  "tointeger", "type", "ult"}
local missing = 0
for _, k in ipairs(names) do
  if type(math[k]) ~= "function" then missing = missing + 1; print("missing", k) end
end
print(#names, "functions", missing, "missing")
