-- an error in __close during normal exit of the main chunk
local r <close> = setmetatable({}, {__close = function() error("close failed") end})
print("body done")
