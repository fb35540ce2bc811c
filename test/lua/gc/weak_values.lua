-- weak values: collectable values that nothing else holds are removed; strings,
-- numbers, booleans and light functions (print) are values and stay
local keep = {}
local t = setmetatable({}, {__mode = "v"})
t[1] = {}                      -- array part, dropped
t[2] = keep                    -- held elsewhere
t[3] = "a string"              -- a value
t[4] = 42
t[5] = true
t[6] = print                   -- a light C function
t[7] = function() return 1 end -- a Lua closure, dropped
t[8] = coroutine.create(print) -- a thread, dropped
t.x = {}
t.y = keep
t.s = ("x"):rep(100)
t.f = string.gmatch("a", "a")  -- a C closure, dropped
collectgarbage()
for _, k in ipairs{1, 2, 3, 4, 5, 6, 7, 8} do print(k, type(t[k]), t[k] == keep) end
for _, k in ipairs{"x", "y", "s", "f"} do print(k, type(t[k])) end
-- a value reachable only through another weak-valued entry is dropped too
local chain = setmetatable({}, {__mode = "v"})
local a = {}
chain[1] = a
chain[2] = {a}
a = nil
collectgarbage()
print("chain", chain[1], chain[2])
-- keys of a weak-valued table are strong
local obj = {}
local byobj = setmetatable({}, {__mode = "v"})
byobj[{}] = obj
collectgarbage()
local n = 0
for k, v in pairs(byobj) do n = n + 1; print("strong key kept", type(k), v == obj) end
print("entries", n)
