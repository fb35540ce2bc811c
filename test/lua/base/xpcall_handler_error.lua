-- errors inside the message handler
local ok, e = xpcall(error, function(m) error("handler failed") end, "orig")
print(ok, type(e), e)
ok, e = xpcall(error, function(m) local x = nil; return x.y end, "orig")
print(ok, e)
-- a handler that errors with a non-string
ok, e = xpcall(error, function(m) error({}) end, "orig")
print(ok, type(e))
-- traceback as handler
ok, e = xpcall(function() error("with trace") end, debug.traceback)
print(ok, e:match("^[^\n]*"), e:find("stack traceback:", 1, true) ~= nil)
ok, e = xpcall(function() error({}) end, debug.traceback)
print(ok, type(e))
