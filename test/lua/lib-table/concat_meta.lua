-- table.concat reads with __index and measures with __len
local proxy = setmetatable({}, {
  __index = function(_, k) return "v" .. k end,
  __len = function() return 4 end,
})
print(table.concat(proxy, ","))
print(table.concat(proxy, ",", 3, 6))
local partial = setmetatable({"a", "b"}, {__index = {nil, nil, "c"}})
print(table.concat(partial, "|", 1, 3))
print(pcall(table.concat, setmetatable({}, {__index = function() return {} end}), "", 1, 1))
-- a length metamethod that errors
print(pcall(table.concat, setmetatable({}, {__len = function() error("no len") end})))
