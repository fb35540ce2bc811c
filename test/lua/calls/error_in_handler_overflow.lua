-- a message handler that itself fails repeatedly ends with a fixed message
local function bad_handler(m) error("handler error") end
print(xpcall(function() error("original") end, bad_handler))
local function recursive_handler(m) return recursive_handler(m) .. "x" end
local ok, e = xpcall(function() error("original") end, recursive_handler)
print(ok, type(e))
print(pcall(function() return "usable after" end))
