-- hostile: tostring error errors
-- expect: error
error(setmetatable({}, {__tostring = function() error("again") end}))
