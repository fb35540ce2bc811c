-- whitespace characters: space, \t, \n, \r, \f, \v
local src = "return\t1\f+\v2\r\n+\r3\n\r+ 4"
print(load(src)())
print(load("\n\n\nerror('x')") and select(2, pcall(load("\n\n\nerror('x')"))))
print(select(2, pcall(load("\r\n\r\nerror('y')"))))
print(select(2, pcall(load("\n\r\n\rerror('z')"))))
print(select(2, pcall(load("\r\rerror('w')"))))
