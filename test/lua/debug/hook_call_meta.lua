-- call hooks for functions called by the VM: metamethods, iterators, __gc
local log = {}
local function hook(ev, line)
  local t = debug.getinfo(2, "nS")
  if line then
    log[#log + 1] = ev .. ":" .. line
  elseif t.what ~= "C" then
    log[#log + 1] = ev .. ":" .. tostring(t.name) .. "/" .. t.namewhat
  end
end
local mt = {
  __index = function(t, k) return k end,
  __add = function(a, b) return 1 end,
  __eq = function() return true end,
  __call = function(self, x) return x end,
  __len = function() return 0 end,
  __close = function() end,
}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
local function iter(s, i) if i < 1 then return i + 1 end end

debug.sethook(hook, "c")
local v = a.x
v = a + 1
v = a == b
v = a(5)
v = #a
do local c <close> = a end
for i in iter, nil, 0 do end
debug.sethook()
print(table.concat(log, " "))
-- a finalizer run by collectgarbage runs with hooks disabled: no call event
log = {}
local ran = false
setmetatable({}, { __gc = function() ran = true; local x = 1 end })
debug.sethook(hook, "crl")
collectgarbage()
debug.sethook()
print("finalizer ran", ran, "events:", table.concat(log, " "))
