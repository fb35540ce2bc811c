-- uncaught error object with __name only
error(setmetatable({}, {__name = "MyError"}))
