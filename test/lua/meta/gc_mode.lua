-- weak tables and finalizers with explicit full collections
local weakv = setmetatable({}, {__mode = "v"})
local weakk = setmetatable({}, {__mode = "k"})
local keep = {}
weakv[1] = {}; weakv[2] = keep; weakv[3] = "strings are values, never collected"
weakk[{}] = 1; weakk[keep] = 2
collectgarbage()
collectgarbage()
print(weakv[1], weakv[2] == keep, weakv[3])
local n = 0
for k, v in pairs(weakk) do n = n + 1; print(k == keep, v) end
print("weak keys left", n)
local finalized = {}
do
  local obj = setmetatable({name = "A"}, {__gc = function(o) finalized[#finalized + 1] = o.name end})
end
collectgarbage()
collectgarbage()
print("finalized", table.concat(finalized, ","))
-- objects still alive at exit are finalized when the state closes
_G.alive = setmetatable({}, {__gc = function() print("global finalized at exit") end})
print("end of script")
