-- globals through _ENV: names reported as 'global'; other tables as 'field'
print(pcall(function() return nofunc() end))
print(pcall(function() local _ENV = {}; return nofunc() end))
print(pcall(function() local env = {}; return env.nofunc() end))
print(pcall(load("return x.y", "=chunk")))
print(pcall(load("x.y = 1", "=chunk")))
print(pcall(load("return math.nofunc()", "=chunk")))
print(pcall(load("local m = math; return m.nofunc()", "=chunk")))
