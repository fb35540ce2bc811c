-- weak keys: entries whose key nothing else holds are removed; non-collectable keys stay
local keep = {}
local t = setmetatable({}, {__mode = "k"})
t[{}] = "gone"
t[keep] = "kept"
t["str"] = {}          -- string key: the entry stays, its value with it
t[1] = {}              -- integer key
t[2.5] = {}
t[true] = {}
t[print] = "light"
t[function() end] = "closure"
collectgarbage()
local keys = {}
for k, v in pairs(t) do
  local kind = type(k)
  keys[#keys + 1] = kind .. ":" .. (k == keep and "keep" or type(k) == "table" and "other" or tostring(k)):gsub("function: .*", "fn")
    .. "=" .. type(v)
end
table.sort(keys)
print(table.concat(keys, " "))
-- a value that refers to its own key does not keep the entry (ephemeron)
local e = setmetatable({}, {__mode = "k"})
do
  local k = {}
  e[k] = {owner = k}
end
collectgarbage()
print("self-referencing entry removed", next(e) == nil)
-- but a key held elsewhere keeps its value alive, even if only the value refers back
local holder = {}
do
  local k = {}
  holder.k = k
  e[k] = {back = k, data = {1, 2, 3}}
end
collectgarbage()
print("held key kept", e[holder.k] ~= nil and #e[holder.k].data)
