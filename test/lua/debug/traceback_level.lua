-- debug.traceback with a level argument
local function c(level) return debug.traceback("L" .. level, level) end
local function b(level) local s = c(level) return s end
local function a(level) local s = b(level) return s end
for level = 0, 6 do
  print(a(level))
end
print("--- nil message with level")
print((function() return debug.traceback(nil, 1) .. "" end)())
print("--- negative level")
print(debug.traceback("neg", -1))
print("--- huge level")
print(debug.traceback("huge", 100))
print("--- level as string")
print(debug.traceback("str", "1"))
print("--- bad level")
print(pcall(debug.traceback, "m", "x"))
print(pcall(debug.traceback, "m", 1.5))
