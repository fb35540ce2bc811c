-- the env parameter becomes the chunk's _ENV
local env = {y = 5}
local f = load("x = 10; return y", "=env", "t", env)
print(f(), env.x, x)
local g = load("return print", "=noprint", "t", {})
print(g())
local h = load("return _ENV", "=envref", "t", env)
print(h() == env)
print(pcall(load("return undefined_fn()", "=nilenv", "t", {})))
local k = load("return x", "=nil env", "t", nil)
print(pcall(k))
local m = load("local _ENV = {z = 3}; return z")
print(m())
print(load("return _ENV")() == _G)
local shared = {count = 0}
local inc = load("count = count + 1", "=inc", "t", shared)
inc(); inc()
print(shared.count)
