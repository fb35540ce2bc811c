-- getlocal/setlocal on other coroutines: suspended, dead by error, not started
local function locals(co, level)
  local r = {}
  local i = 1
  while true do
    local name, value = debug.getlocal(co, level, i)
    if name == nil or name:sub(1, 1) == "(" then break end
    r[#r + 1] = name .. "=" .. tostring(value)
    i = i + 1
  end
  return table.concat(r, " ")
end

local co = coroutine.create(function(a, b)
  local c = a .. b
  local got = coroutine.yield(c)
  local d = got .. "!"
  error("failed with " .. d)
end)
print("resume 1", coroutine.resume(co, "x", "y"))
print("suspended level 1", locals(co, 1))
print("setlocal", debug.setlocal(co, 1, 3, "C!"))
print("after setlocal", locals(co, 1))
print("level out of range", pcall(debug.getlocal, co, 2, 1))
print("resume 2", coroutine.resume(co, "v"))
print("dead level 1", locals(co, 1))
print("dead level 0 (error)", debug.getlocal(co, 0, 1))
print("dead level 2", pcall(debug.getlocal, co, 2, 1))

local fresh = coroutine.create(function(p) end)
print("not started", pcall(debug.getlocal, fresh, 1, 1))
print("not started level 0", pcall(debug.getlocal, fresh, 0, 1))
print("function argument", debug.getlocal(fresh, function(p, q) end, 2))
