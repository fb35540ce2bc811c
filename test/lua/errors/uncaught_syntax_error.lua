-- a syntax error in the script itself
print("never printed")
local x = = 1
