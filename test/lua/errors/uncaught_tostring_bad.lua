-- uncaught error object whose __tostring does not return a string
error(setmetatable({}, {__tostring = function() return 1 end}))
