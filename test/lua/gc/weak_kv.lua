-- both weak: an entry goes when its key or its value dies; strings never die
local keep = {}
local t = setmetatable({}, {__mode = "kv"})
t[1] = keep
t[2] = {}
t[keep] = {}
t[{}] = keep
t.a = "string value"
t[("k"):rep(50)] = ("v"):rep(50)
t[keep] = keep
collectgarbage()
local out = {}
for k, v in pairs(t) do
  out[#out + 1] = (k == keep and "keep" or tostring(k):sub(1, 3)) .. "=" .. (v == keep and "keep" or tostring(v):sub(1, 6))
end
table.sort(out)
print(table.concat(out, " "))
-- the mode is read when the collector runs: a __mode added after setmetatable counts
local mt = {}
local late = setmetatable({}, mt)
late[1] = {}
mt.__mode = "v"
collectgarbage()
print("late mode", late[1])
-- and a mode removed later makes the table strong again
local mt2 = {__mode = "k"}
local strong = setmetatable({}, mt2)
mt2.__mode = nil
strong[{}] = 1
collectgarbage()
print("mode removed", next(strong) ~= nil)
