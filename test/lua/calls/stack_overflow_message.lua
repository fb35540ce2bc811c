-- the message of a Lua stack overflow has a position prefix
local function inf() return 1 + inf() end
local ok, err = pcall(inf)
print(ok, (err:gsub("^stack_overflow_message%.lua:%d+: ", "FILE:LINE: ")))
local ok2, err2 = xpcall(inf, function(m) return "handled: " .. tostring(m):gsub("^.-:%d+: ", "") end)
print(ok2, err2)
