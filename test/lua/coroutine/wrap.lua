-- coroutine.wrap
local gen = coroutine.wrap(function(n)
  for i = 1, n do coroutine.yield(i) end
  return "end"
end)
print(gen(3), gen(), gen(), gen())
print(pcall(gen))
local squares = coroutine.wrap(function() for i = 1, 4 do coroutine.yield(i * i) end end)
local out = {}
for v in squares do out[#out + 1] = v end
print(table.concat(out, " "))
local failing = coroutine.wrap(function() error("inside wrap") end)
print(pcall(failing))
local failing2 = coroutine.wrap(function() error({code = 1}) end)
local ok, e = pcall(failing2)
print(ok, type(e), e.code)
print(pcall(coroutine.wrap, 1))
