-- uncaught error: to-be-closed variables are still closed before the script dies
local r <close> = setmetatable({}, {__close = function(_, e) -- (only the first line: the standalone interpreter's message handler may add a traceback)
  print("closing with", (tostring(e):match("^[^\n]*"))) end})
print("before")
error("fatal")
