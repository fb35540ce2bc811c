-- setlocal on transferred values: a call hook changes an argument, a return
-- hook changes a returned value
local function double(x) return x * 2 end
local function pair() return "a", "b" end

debug.sethook(function(ev)
  local f = debug.getinfo(2, "f").func
  if f ~= double and f ~= pair then return end
  local t = debug.getinfo(2, "r")
  if ev == "call" and t.ntransfer > 0 then
    debug.setlocal(2, t.ftransfer, 100)
  elseif ev == "return" and f == pair then
    debug.setlocal(2, t.ftransfer + t.ntransfer - 1, "changed")
  end
end, "cr")
local d = double(1)
local p, q = pair()
local r = { pair() }
debug.sethook()
print("double", d)
print("pair", p, q)
print("pair in table", r[1], r[2], #r)

-- a C function's results can be changed too
debug.sethook(function(ev)
  if ev == "return" and debug.getinfo(2, "f").func == string.upper then
    local t = debug.getinfo(2, "r")
    debug.setlocal(2, t.ftransfer, "replaced")
  end
end, "r")
local u = string.upper("abc")
debug.sethook()
print("upper", u)
