-- xpcall: the handler receives the original error object
print(xpcall(function() return 1, 2 end, print))
print(xpcall(error, function(m) return "handled: " .. m end, "msg", 0))
local obj = {}
print(xpcall(function() error(obj) end, function(e) return e == obj end))
print(xpcall(function() error() end, function(e) return "got " .. tostring(e) end))
print(xpcall(function() local x = nil; return x.y end, function(m) return "H:" .. m end))
print(xpcall(function(...) return select("#", ...) end, print, 1, nil, nil))
print(pcall(xpcall))
print(pcall(xpcall, print))
print(xpcall(nil, function(m) return "handler saw: " .. m end))
-- the handler's results are returned (only the first)
print(xpcall(error, function() return 1, 2, 3 end))
