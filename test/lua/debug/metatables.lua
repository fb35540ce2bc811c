-- debug.getmetatable/setmetatable for values of every type, then restore
print("string mt exists", type(debug.getmetatable("")))
print("string mt __index is string", debug.getmetatable("").__index == string)
print("number mt", debug.getmetatable(1))
print("nil mt", debug.getmetatable(nil))
print("boolean mt", debug.getmetatable(true))
print("function mt", debug.getmetatable(print))

-- numbers
local nmt = { __index = function(n, k) return k .. "@" .. n end, __call = function(n, x) return n * x end }
print("setmetatable returns value", debug.setmetatable(5, nmt))
print("number index", (5).foo, (2.5).bar)
print("number call", (3)(4))
print("all numbers share it", debug.getmetatable(7) == nmt, debug.getmetatable(1.5) == nmt)
debug.setmetatable(0, nil)
print("restored number", debug.getmetatable(1), pcall(function() return (5).foo end))

-- nil and booleans
debug.setmetatable(nil, { __index = function(_, k) return "nil." .. k end })
local nothing
print("nil index", nothing.x)
debug.setmetatable(nil, nil)
print("restored nil", pcall(function() return nothing.x end))
debug.setmetatable(true, { __len = function(b) return b and 1 or 0 end })
print("boolean len", #true, #false)
debug.setmetatable(false, nil)
print("restored boolean", debug.getmetatable(true))

-- functions
debug.setmetatable(print, { __index = { kind = "fn" }, __concat = function(a, b) return "joined" end })
print("function index", print.kind, (function() end).kind)
print("function concat", print .. "x")
debug.setmetatable(print, nil)
print("restored function", debug.getmetatable(print))

-- strings: change and restore
local smt = debug.getmetatable("")
debug.setmetatable("", { __index = { up = function() return "UP" end } })
print("string method replaced", ("x"):up(), pcall(function() return ("x"):upper() end))
debug.setmetatable("", smt)
print("string restored", ("x"):upper())

-- errors and the getmetatable __metatable field is ignored by debug
local t = setmetatable({}, { __metatable = "locked" })
print("getmetatable", getmetatable(t), type(debug.getmetatable(t)))
print(pcall(debug.setmetatable, 1, 2))
print(pcall(debug.setmetatable, 1))
print("table returns itself", debug.setmetatable(t, nil) == t, getmetatable(t))
