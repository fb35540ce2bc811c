-- hostile: index chain loop
-- expect: error:__index
local t = setmetatable({}, {})
getmetatable(t).__index = t
return t.missing
