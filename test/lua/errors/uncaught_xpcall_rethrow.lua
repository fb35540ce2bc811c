-- rethrowing the handled error object
local ok, e = xpcall(function() error({msg = "inner"}) end, function(e) e.handled = true; return e end)
print(ok, e.msg, e.handled)
error(e.msg .. " (rethrown)", 0)
