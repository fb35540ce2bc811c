-- print reports errors from __tostring
print(pcall(print, setmetatable({}, {__tostring = function() return 1 end})))
print(pcall(print, setmetatable({}, {__tostring = function() return true end})))
print(pcall(print, setmetatable({}, {__tostring = function() error("ts failed") end})))
print(pcall(print, "ok", setmetatable({}, {__tostring = function() return "T" end})))
