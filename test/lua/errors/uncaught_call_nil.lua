-- calling an undefined global
local x = 1
undefined_function(x)
