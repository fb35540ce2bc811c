-- debug.traceback returns a non-string, non-nil message untouched
local t = {}
print("table same", debug.traceback(t) == t)
print("table with level", debug.traceback(t, 2) == t)
print("boolean", debug.traceback(true))
print("false", debug.traceback(false))
print("function same", debug.traceback(print) == print)
local co = coroutine.create(function() end)
print("a thread is the first argument", type(debug.traceback(co)))
print("thread then table", debug.traceback(co, t) == t)
print("results", select("#", debug.traceback(t)))
-- a table with __tostring is still returned untouched
local mt = setmetatable({}, { __tostring = function() return "custom" end })
print("with __tostring", debug.traceback(mt) == mt)
-- numbers are strings for traceback
print("integer", (debug.traceback(12):match("^[^\n]*")))
print("float", (debug.traceback(1.5):match("^[^\n]*")))
-- xpcall with traceback as handler and a table error
local ok, e = xpcall(function() error({ code = 7 }) end, debug.traceback)
print("xpcall table error", ok, type(e), e.code)
