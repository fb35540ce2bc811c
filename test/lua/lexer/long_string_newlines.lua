-- newline sequences inside long strings are normalized to \n
local function bytes(s) return table.concat({s:byte(1, -1)}, ",") end
print(bytes(load("return [[a\r\nb]]")()))
print(bytes(load("return [[a\n\rb]]")()))
print(bytes(load("return [[a\rb]]")()))
print(bytes(load("return [[a\n\nb]]")()))
print(bytes(load("return [[a\r\rb]]")()))
print(bytes(load("return [[\r\nx]]")()))
print(bytes(load("return [[\n\rx]]")()))
print(bytes(load("return 'a\\\r\nb'")()))
print(bytes(load("return 'a\\\n\rb'")()))
print(bytes(load("return 'a\\\rb'")()))
