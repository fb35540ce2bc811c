-- stack overflow is a catchable Lua error (print only the message suffix: lines differ)
local function suffix(msg) return (tostring(msg):match("stack overflow") or "other: " .. tostring(msg)) end
local function inf(n) return 1 + inf(n + 1) end
local ok, err = pcall(inf, 1)
print(ok, suffix(err))
-- the state is usable afterwards
print(pcall(function() return "still works" end))
local function inf2() local t = {inf2()} return t end
ok, err = pcall(inf2)
print(ok, suffix(err))
-- overflow through a metamethod
local mt = {}
mt.__index = function(t, k) return t[k .. "x"] end
ok, err = pcall(function() return setmetatable({}, mt).a end)
print(ok, suffix(err))
-- overflow inside a coroutine kills only that coroutine
local co = coroutine.create(function() return inf(1) end)
ok, err = coroutine.resume(co)
print(ok, suffix(err), coroutine.status(co))
print("main continues")
