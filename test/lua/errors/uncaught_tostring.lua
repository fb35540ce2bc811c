-- uncaught error with an object that has __tostring
print("before")
error(setmetatable({}, {__tostring = function() return "custom error object" end}))
