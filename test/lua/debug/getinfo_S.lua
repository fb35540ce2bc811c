-- getinfo option 'S': source, short_src, what, linedefined, lastlinedefined, srclen
local function show(label, t)
  print(label, t.what, t.source, t.short_src, t.linedefined, t.lastlinedefined, t.srclen)
end

local function f()
  return 1
end

show("main", debug.getinfo(1, "S"))
show("local f", debug.getinfo(f, "S"))
show("C print", debug.getinfo(print, "S"))
show("C string.rep", debug.getinfo(string.rep, "S"))
show("one-liner", debug.getinfo(function() end, "S"))

local g = load("local x = 1\nreturn function()\nreturn x\nend\n", "=chunk")
show("load main", debug.getinfo(g, "S"))
show("load inner", debug.getinfo(g(), "S"))

-- inside a running function
local function h()
  show("running h", debug.getinfo(1, "S"))
  show("caller of h", debug.getinfo(2, "S"))
end
h()

-- only the S fields are filled
local t = debug.getinfo(f, "S")
local keys = {}
for k in pairs(t) do keys[#keys + 1] = k end
table.sort(keys)
print("keys", table.concat(keys, " "))
