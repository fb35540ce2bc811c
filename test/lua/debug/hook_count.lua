-- count hooks: called after every 'count' instructions. The hook here is the C
-- function print (it prints "count nil"), so no Lua instructions run inside it.
local function work()
  local s = 0
  for i = 1, 10 do
    s = s + i
  end
  return s
end

for _, count in ipairs({ 1, 3, 7, 100 }) do
  print("-- count " .. count)
  debug.sethook(print, "", count)
  work()
  debug.sethook()
end

-- count together with line events: both events can come for one instruction
print("-- count 2 with lines")
debug.sethook(print, "l", 2)
local a = 1
local b = a + 1
debug.sethook()

-- count 0 means no count events (and an empty mask turns the hook off)
print("-- count 0")
debug.sethook(print, "", 0)
work()
debug.sethook()
print("gethook", debug.gethook())
