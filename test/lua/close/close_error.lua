-- closed when an error unwinds the scope; the handler receives the error object
local function res(name)
  return setmetatable({}, {__close = function(_, err) print("close", name, err) end})
end
local ok, err = pcall(function()
  local a <close> = res("a")
  local b <close> = res("b")
  error("boom", 0)
end)
print(ok, err)
ok, err = pcall(function()
  local a <close> = setmetatable({}, {__close = function(_, e) print("close a", type(e), e.tag) end})
  error({tag = "tbl"})
end)
print(ok, type(err), err.tag)
ok, err = pcall(function()
  local a <close> = res("runtime")
  local x = nil
  return x.field
end)
print(ok, err)
