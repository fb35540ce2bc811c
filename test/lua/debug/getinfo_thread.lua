-- getinfo with a thread argument: suspended, normal, dead, running
local function show(label, t)
  if t == nil then print(label, nil) return end
  print(label, t.what, t.name, t.namewhat, t.currentline, t.linedefined, t.istailcall)
end

local function worker(x)
  local function inner()
    coroutine.yield(1)
  end
  inner()
  error("boom")
end

local co = coroutine.create(worker)
coroutine.resume(co, 10)
print("status", coroutine.status(co))
show("suspended 0", debug.getinfo(co, 0, "nSlt"))   -- yield (C)
show("suspended 1", debug.getinfo(co, 1, "nSlt"))   -- inner
show("suspended 2", debug.getinfo(co, 2, "nSlt"))   -- worker
show("suspended 3", debug.getinfo(co, 3, "nSlt"))   -- beyond
print("func is worker", debug.getinfo(co, 2, "f").func == worker)

-- a coroutine that has not started has no levels
local fresh = coroutine.create(worker)
show("fresh 0", debug.getinfo(fresh, 0, "Sl"))

-- normal: the coroutine that resumed the running one
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function()
    show("normal 0", debug.getinfo(outer, 0, "nSl"))  -- resume (C)
    show("normal 1", debug.getinfo(outer, 1, "nSl"))
    show("running self 1", debug.getinfo(coroutine.running(), 1, "Sl"))
  end)
  coroutine.resume(inner)
end)
coroutine.resume(outer)

-- dead by error: the stack is kept
print("resume", coroutine.resume(co))
print("status", coroutine.status(co))
show("dead 0", debug.getinfo(co, 0, "nSlt"))   -- error (C)
show("dead 1", debug.getinfo(co, 1, "nSlt"))   -- worker
show("dead 2", debug.getinfo(co, 2, "nSlt"))
-- dead normally: no levels
local done = coroutine.create(function() return 1 end)
coroutine.resume(done)
show("dead normally 0", debug.getinfo(done, 0, "Sl"))
-- a function argument ignores the thread
show("function with thread", debug.getinfo(co, worker, "S"))
