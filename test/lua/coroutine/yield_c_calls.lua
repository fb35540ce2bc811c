-- host functions that call Lua without a continuation cannot be yielded across
local function try(label, f)
  local co = coroutine.create(f)
  print(label, coroutine.resume(co))
  print(label, coroutine.status(co))
end
local mt = {__tostring = function() coroutine.yield() return "x" end,
  __index = function() return coroutine.yield() end,
  __newindex = function() coroutine.yield() end,
  __lt = function() coroutine.yield() return true end}
local obj = setmetatable({}, mt)
try("sort", function() table.sort({3, 2, 1}, function(a, b) coroutine.yield() end) end)
try("sort __lt", function() table.sort({obj, setmetatable({}, mt)}) end)
try("gsub", function() return string.gsub("abc", "%w", function(c) coroutine.yield(c) end) end)
try("tostring", function() return tostring(obj) end)
try("print", function() print(obj) end)
try("format", function() return string.format("%s", obj) end)
try("load reader", function() return load(function() coroutine.yield() end) end)
try("ipairs __index", function() for _ in ipairs(obj) do end end)
try("table.insert __newindex", function() table.insert(obj, 1) end)
try("table.unpack __index", function() return table.unpack(obj, 1, 1) end)
try("select", function() return select(1, coroutine.yield()) end)
-- these do allow yields: pcall, xpcall, pairs' __pairs, dofile-like continuations
try("pcall", function() return pcall(coroutine.yield, "in pcall") end)
try("error inside", function() return pcall(function() local _ = tostring(obj) end) end)
