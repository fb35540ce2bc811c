#!/usr/bin/env lua -- first line skipped when it starts with #
print("shebang ok")
print(load("#!x\nreturn 1"))
local f = loadfile("data/shebang_helper.lua")
print(f())
