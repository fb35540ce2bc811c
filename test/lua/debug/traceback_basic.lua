-- debug.traceback: message, default level, levels
local function level3() return debug.traceback("msg here") end
local function level2() local s = level3() return s end
function level1() local s = level2() return s end
print(level1())
print("--- no message")
print(debug.traceback())
print("--- nil message")
print(debug.traceback(nil))
print("--- empty message")
print(debug.traceback(""))
print("--- number message is converted")
print(debug.traceback(42))
print("--- multi-line message")
print(debug.traceback("line1\nline2"))
print("--- method and field names")
local obj = {}
function obj:m() return debug.traceback("in method") end
obj.sub = { f = function() local s = obj:m() return s end }
print(obj.sub.f())
print("--- from a C function's callback")
local out
table.sort({ 2, 1 }, function(a, b) out = out or debug.traceback("cmp") return a < b end)
print(out)
print("--- inside pcall")
print(select(2, pcall(function() error(debug.traceback("in pcall")) end)))
print("--- xpcall handler")
print(select(2, xpcall(function() local x = nil; return x.y end, debug.traceback)))
