-- long stacks: the traceback shows the first 10 and last 11 levels
local function rec(n)
  if n == 0 then return debug.traceback("deep") end
  local s = rec(n - 1)
  return s
end
print(rec(40))
print("--- exactly at the limit (22 levels total): nothing skipped")
print(rec(19))
print("--- one more: skipping")
print(rec(20))
print("--- with a level")
local function rec2(n)
  if n == 0 then return debug.traceback("lvl", 5) end
  local s = rec2(n - 1)
  return s
end
print(rec2(30))
