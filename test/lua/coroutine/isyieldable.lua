-- coroutine.isyieldable and coroutine.running in every context
local function show(label) print(label, coroutine.isyieldable(), select(2, coroutine.running())) end
show("main")
local co = coroutine.create(function()
  show("body")
  pcall(show, "pcall")
  xpcall(show, print, "xpcall")
  table.sort({3, 2, 1}, function(a, b) show("sort"); return a < b end)
  string.gsub("a", "a", function() show("gsub") end)
  local t = setmetatable({}, {__index = function() show("__index"); return 1 end,
    __tostring = function() show("__tostring"); return "T" end})
  local _ = t.x
  tostring(t)
  for _ in function(_, c) if not c then show("iterator"); return 1 end end do end
  load(function() show("load reader") end)
  coroutine.wrap(show)("nested wrap")
  coroutine.yield()
end)
coroutine.resume(co)
print("of suspended", coroutine.isyieldable(co))
print("of main", coroutine.isyieldable(coroutine.running()))
print("of fresh", coroutine.isyieldable(coroutine.create(print)))
coroutine.resume(co)
print("of dead", coroutine.isyieldable(co))
print(pcall(coroutine.isyieldable, 1))
