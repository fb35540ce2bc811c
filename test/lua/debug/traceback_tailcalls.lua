-- tail calls in tracebacks: "(...tail calls...)" marks the missing frames
local function target() return debug.traceback("tail") .. "" end
local function t1() return target() end
local function t2() return t1() end
local function start() local s = t2() return s end
print(start())
print("--- a tail call from the main chunk of a loaded function")
print(load("local f = ... return f()")(function() return debug.traceback("loaded") .. "" end))
print("--- tail call into a C function")
local function viaC() return pcall(debug.traceback, "c tail") end
print(select(2, viaC()))
print("--- error after tail calls")
local function bad() local x = nil; return x.y end
local function tb() return bad() end
print(select(2, xpcall(tb, debug.traceback)))
print("--- getinfo sees istailcall on the callee")
local function callee() return debug.getinfo(1, "t").istailcall end
local function caller() return callee() end
print(caller())
