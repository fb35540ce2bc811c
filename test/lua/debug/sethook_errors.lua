-- sethook/gethook argument checking
print(pcall(debug.sethook, 1))
print(pcall(debug.sethook, print))
print(pcall(debug.sethook, print, {}))
print(pcall(debug.sethook, print, "l", "x"))
print(pcall(debug.sethook, print, "l", 1.5))
print(pcall(debug.sethook, "notfn", "l"))
print(pcall(debug.sethook, {}, "l"))
print(pcall(debug.sethook, coroutine.create(print), "x"))
print(pcall(debug.sethook, coroutine.create(print), print))
-- a number mask is converted to a string: no letters, so the hook is off
print(pcall(debug.sethook, print, 1))
print("gethook", debug.gethook())
-- nil and none turn the hook off
print(pcall(debug.sethook, nil))
print(pcall(debug.sethook, coroutine.create(print), nil))
-- a non-thread first argument of gethook is ignored
print("gethook(1)", pcall(debug.gethook, 1))
print("gethook({})", pcall(debug.gethook, {}))
