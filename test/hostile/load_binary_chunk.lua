-- hostile: load binary chunk
-- expect: error:attempt to load a binary chunk
local f = assert(load(string.dump(function() return 1 end)))
