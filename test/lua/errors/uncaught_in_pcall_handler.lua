-- error re-raised after pcall
local ok, err = pcall(error, "inner")
print(ok, err)
error("outer: " .. err)
