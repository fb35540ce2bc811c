-- to-be-closed variables closed on error inside a coroutine's pcall: yields and errors in __close
local function tbc(name, fail, yield)
  return setmetatable({}, {__close = function(_, e)
    print("close", name, e)
    if yield then print("resumed with", coroutine.yield("y " .. name)) end
    if fail then error(name .. " failed", 0) end
  end})
end
local co = coroutine.wrap(function()
  print("pcall", pcall(function()
    local a <close> = tbc("a", false, true)
    local b <close> = tbc("b", true, true)
    local c <close> = tbc("c", true, false)
    local d <close> = tbc("d", false, true)
    error("original", 0)
  end))
  print("xpcall", xpcall(function()
    local a <close> = tbc("a2", true, true)
    error({}, 0)
  end, function(m) return "handler: " .. type(m) end))
  return "end"
end)
local v, i = co(), 0
while v ~= "end" do i = i + 1; print("yielded", v); v = co(i) end
