-- table.sort through __index/__newindex/__len and __lt
local store = {5, 3, 1, 4, 2}
local gets, sets = 0, 0
local proxy = setmetatable({}, {
  __index = function(_, k) gets = gets + 1; return store[k] end,
  __newindex = function(_, k, v) sets = sets + 1; store[k] = v end,
  __len = function() return #store end,
})
table.sort(proxy)
print(table.concat(store, ","), gets > 0, sets > 0)
-- __lt on elements
local mt = {__lt = function(a, b) return a.v < b.v end}
local objs = {}
for i, v in ipairs({4, 2, 5, 1, 3}) do objs[i] = setmetatable({v = v}, mt) end
table.sort(objs)
local o = {}
for i = 1, #objs do o[i] = objs[i].v end
print(table.concat(o, ","))
-- sorting only the first #t elements as given by __len
local part = setmetatable({4, 3, 2, 1}, {__len = function() return 2 end})
table.sort(part)
print(rawget(part, 1), rawget(part, 2), rawget(part, 3), rawget(part, 4))
