-- gethook: hook function (compared with ==), mask string, count
local function hook() end
print("no hook", debug.gethook())
print("no hook results", select("#", debug.gethook()))

local function probe(mask, count)
  debug.sethook(hook, mask, count)
  local h, m, c = debug.gethook()
  debug.sethook()
  print(string.format("%q", mask), h == hook, string.format("%q", m), c)
end
probe("c")
probe("r")
probe("l")
probe("crl")
probe("lrc")      -- the mask string is rebuilt in the order c, r, l
probe("ccc")
probe("xyz")      -- unknown letters are ignored: no events
probe("", 10)
probe("l", 3)
probe("cr", 0)
probe("x", 1)

-- an empty mask with no count turns the hook off
debug.sethook(hook, "")
print("empty mask", debug.gethook())
debug.sethook(hook, "xyz")
print("unknown letters only", debug.gethook())

-- another thread
local co = coroutine.create(function() end)
debug.sethook(co, hook, "r", 4)
local h, m, c = debug.gethook(co)
print("thread", h == hook, m, c)
print("main unaffected", debug.gethook())
debug.sethook(co)
print("thread off", debug.gethook(co))

-- a C function as hook
debug.sethook(print, "", 1000)
h, m, c = debug.gethook()
debug.sethook()
print("C hook", h == print, m, c)
