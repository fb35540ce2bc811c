-- count hooks with a Lua hook function: the instructions run by the hook itself
-- also advance the instruction counter (no hook is called for them)
local n = 0
local function hook() n = n + 1 end
local function work()
  local s = 0
  for i = 1, 10 do
    s = s + i
  end
  return s
end

for _, count in ipairs({ 1, 3, 100 }) do
  n = 0
  debug.sethook(hook, "", count)
  work()
  debug.sethook()
  print("count " .. count, n)
end
