-- helper for hook_line_chunks.lua
local t = {}
for i = 1, 2 do
  t[i] = i
end

return #t
