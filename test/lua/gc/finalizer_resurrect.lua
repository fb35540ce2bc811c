-- a finalizer may resurrect its object: it lives on, and is not finalized again
-- unless its metatable is set again
local saved
local count = 0
local mt = {}
mt.__gc = function(o) count = count + 1; saved = o end
setmetatable({tag = "phoenix"}, mt)
collectgarbage()
print(count, saved and saved.tag)
saved = nil
collectgarbage()
print(count)
-- re-marked during its finalizer: finalized again next cycle
count = 0
setmetatable({}, {__gc = function(o) count = count + 1; if count < 3 then setmetatable(o, getmetatable(o)) end end})
for _ = 1, 5 do collectgarbage() end
print("rounds", count)
-- weak values lose a finalized object before its finalizer runs; weak keys keep it
-- until the next cycle (the reference's 'bug in 5.1' test)
local C = setmetatable({}, {__mode = "v"})
local C1 = setmetatable({}, {__mode = "k"})
do
  local t = {x = 10}
  C.key = t
  C1[t] = 1
  local a = {x = t}
  setmetatable(a, {__gc = function()
    print("in finalizer: weak value", C.key, "weak key", type(next(C1)))
  end})
end
collectgarbage()
print("after first cycle", C.key, type(next(C1)))
collectgarbage()
print("after second cycle", next(C), next(C1))
-- what a resurrected object refers to survives with it
local keep
setmetatable({inner = {value = 7}}, {__gc = function(o) keep = o.inner end})
collectgarbage()
collectgarbage()
print("inner", keep and keep.value)
