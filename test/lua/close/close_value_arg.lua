-- __close receives the value itself and the error (nil on normal exit)
local obj = setmetatable({tag = "obj"}, {__close = function(v, e, extra)
  print(v.tag, type(e), extra, select("#", v, e, extra))
end})
do local o <close> = obj end
pcall(function() local o <close> = obj; error({code = 7}) end)
local mt = {__close = function(v, e) print("e type", type(e), type(e) == "table" and e.code) end}
pcall(function() local o <close> = setmetatable({}, mt); error({code = 7}) end)
