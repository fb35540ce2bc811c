-- Float registers of one thread read through upvalues from another, and
-- floats moved between threads.
local get, set
local co = coroutine.create(function(v)
  local local_float = v * 0.5          -- a float register of the coroutine
  get = function() return local_float end
  set = function(n) local_float = n * 1.0 end
  local r = coroutine.yield(local_float + 0.25)
  local_float = local_float + r
  coroutine.yield(local_float)
  return local_float * 2
end)
print(coroutine.resume(co, 3))
print(get(), math.type(get()))        -- main thread reads the coroutine's open upvalue
set(7)
print(get())
print(coroutine.resume(co, 0.5))
print(coroutine.resume(co))
print(get(), coroutine.status(co))    -- closed now

-- a closure created in the main thread, called inside a coroutine
local m = 1.5 * 1
local function bump() m = m + 0.25; return m end
local c2 = coroutine.wrap(function() return bump(), bump() end)
print(c2())
print(m)

-- floats across coroutine.close / error values
local c3 = coroutine.create(function() local e = 2.5 * 2; error(e) end)
print(coroutine.resume(c3))
local c4 = coroutine.create(function() local e = 2.5 * 2; error({ e }) end)
local ok, err = coroutine.resume(c4)
print(ok, err[1], math.type(err[1]))

-- deep recursion before the first float operation (float registers grow with the stack)
local function deep(n) if n == 0 then return 0.5 * 3 end return deep(n - 1) end
print(deep(10000))
local function sum(n) if n == 0 then return 0.0 end return sum(n - 1) + n * 0.5 end
print(sum(5000))
